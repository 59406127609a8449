/**
 * Connection tests (DESIGN §3, §6.1 `safehold test`, §6.3 "Test connection"): a test is a use by
 * the consumer "connection-test", under the same availability rules as every use, so a Spot-only
 * secret is refused and the refusal is in the audit log. Three steps, so the app keeps network
 * I/O out of its vault queue: checkTestRequest reads the inputs (no vault), takeForTest checks
 * the secret can be tested there and records the use (one transaction), probeConnection talks to
 * the server with the values in memory only. Every input is checked before the use is recorded:
 * a test that cannot run changes nothing. Results and messages carry no value, header or token.
 */
import type { z } from 'zod'
import { isSafeholdError } from '../../shared/errors'
import type { connectionTestResultSchema } from '../../shared/ipc-contract'
import type { SecretRef } from '../../shared/secret-requests'
import type { Clock } from '../lifecycle/clock'
import { resolveLiveSecret } from '../secrets/secret-lookup'
import type { VaultStore } from '../vault/vault-store'
import { headerProbe, tokenProbe, type ProbeSuccess } from './connection-probes'
import { planFor, type CheckedRequest, type Plan } from './connection-plan'
import { originOf } from './connection-target'
import { explainNetworkError, ProbeFailure } from './connection-words'
import { deadlineIn } from './http-exchange'
import { readField, useSecret } from './secret-use'
import { mtlsHandshake } from './tls-probe'

export type ConnectionTestResult = z.output<typeof connectionTestResultSchema>

export { checkTestRequest, type CheckedRequest, type TestRequest } from './connection-plan'

/** The consumer every connection test is recorded under, in the CLI and the app alike. */
export const TEST_CONSUMER = 'connection-test'
export const DEFAULT_TIMEOUT_MS = 10_000
/** How long a TLS 1.3 server may stay silent after the handshake before that counts as yes. */
export const MTLS_GRACE_MS = 1_000

/** A test ready to run: its plan and the values it needs, taken from the vault as one use. */
export interface ReadyTest {
  /** The secret's name as stored, for messages. */
  secretName: string
  plan: Plan
  values: Record<string, string>
  ca: string[] | null
  reactivated: boolean
}

/**
 * Checks that the secret `ref` names can be tested with `checked`, then records the use by
 * connection-test (refused, and logged, where the secret's availability does not allow it).
 */
export async function takeForTest(
  store: VaultStore,
  clock: Clock,
  ref: SecretRef,
  checked: CheckedRequest,
): Promise<ReadyTest> {
  // Another process may have changed the secret since this one last read the vault.
  await store.refresh()
  planFor(resolveLiveSecret(store.state, ref, clock.now().getTime()), checked)
  const used = await useSecret(store, clock, { ref, consumer: TEST_CONSUMER })
  // The use read the vault afresh: plan again on what it read.
  const plan = planFor(used.secret, checked)
  const names =
    plan.kind === 'header'
      ? [plan.field]
      : plan.kind === 'token'
        ? ['clientId', 'clientSecret']
        : ['certificate', 'privateKey']
  const values = Object.fromEntries(names.map((name) => [name, readField(used.secret, name)]))
  return {
    secretName: used.secret.name,
    plan,
    values,
    ca: checked.ca,
    reactivated: used.reactivated,
  }
}

export interface ProbeOptions {
  timeoutMs?: number
  graceMs?: number
}

/** Talks to the server. Never throws for what the network or the server did: that is the result. */
export async function probeConnection(
  ready: ReadyTest,
  options: ProbeOptions = {},
): Promise<ConnectionTestResult> {
  const { plan, values, ca } = ready
  const deadline = deadlineIn(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)
  const target = originOf(plan.target)
  const { reactivated } = ready
  try {
    let success: ProbeSuccess
    if (plan.kind === 'header') {
      success = await headerProbe({
        url: plan.target.url,
        header: plan.header,
        value: values[plan.field]!,
        credential: plan.credential,
        ca,
        deadline,
      })
    } else if (plan.kind === 'token') {
      success = await tokenProbe({
        url: plan.target.url,
        clientId: values['clientId']!,
        clientSecret: values['clientSecret']!,
        ca,
        deadline,
      })
    } else {
      const handshake = (withCertificate: boolean) =>
        mtlsHandshake({
          url: plan.target.url,
          certificatePem: withCertificate ? values['certificate']! : null,
          privateKeyPem: withCertificate ? values['privateKey']! : null,
          ca,
          deadline,
          graceMs: options.graceMs ?? MTLS_GRACE_MS,
        })
      const answer = await handshake(true)
      // A server that never asks for a client certificate accepts any: then the first handshake
      // proved nothing about this one.
      if (
        await handshake(false).then(
          () => true,
          () => false,
        )
      ) {
        throw new ProbeFailure(
          'refused',
          'The server accepted a connection without any client certificate: it does not ask for one, so this test cannot tell whether it accepts this certificate.',
        )
      }
      const protocol = answer.server?.protocol || 'TLS'
      success = {
        message:
          answer.acceptedBy === 'silence'
            ? `Mutual TLS works: the ${protocol} handshake presenting the certificate completed, and the server kept the connection open without objecting to it.`
            : `Mutual TLS works: the server accepted the certificate in a ${protocol} handshake.`,
        httpStatus: null,
        server: answer.server,
        token: null,
      }
    }
    return conceal(values, {
      works: true,
      outcome: 'works',
      message: success.message,
      target,
      httpStatus: success.httpStatus,
      token: success.token,
      server: success.server,
      reactivated,
    })
  } catch (error) {
    if (isSafeholdError(error)) throw error
    const failure =
      error instanceof ProbeFailure
        ? error
        : explainNetworkError(error, plan.kind === 'mtls' ? 'mtls' : 'http')
    return conceal(values, {
      works: false,
      outcome: failure.outcome,
      message: failure.message,
      target,
      httpStatus: failure.httpStatus,
      token: null,
      server: null,
      reactivated,
    })
  }
}

const CONCEALED = '<concealed by safehold>'

/**
 * The last guard: the result's words come from Safehold and, for the server's certificate, from
 * the server; should a value the test sent show up in them anyway, it is concealed there.
 */
function conceal(
  values: Record<string, string>,
  result: ConnectionTestResult,
): ConnectionTestResult {
  const secrets = Object.values(values).filter((value) => value.length >= 4)
  const hide = (text: string): string =>
    secrets.reduce((kept, secret) => kept.split(secret).join(CONCEALED), text)
  return {
    ...result,
    message: hide(result.message),
    server:
      result.server === null
        ? null
        : {
            ...result.server,
            subject: hide(result.server.subject),
            issuer: hide(result.server.issuer),
          },
  }
}

/** The three steps in one: what the CLI runs. */
export async function testConnection(
  store: VaultStore,
  clock: Clock,
  ref: SecretRef,
  checked: CheckedRequest,
  options: ProbeOptions = {},
): Promise<ConnectionTestResult> {
  return probeConnection(await takeForTest(store, clock, ref, checked), options)
}
