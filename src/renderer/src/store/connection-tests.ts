/**
 * "Test connection" (DESIGN §6.3): the one action that asks main to test a secret, and the last
 * result per secret, which the drawer shows beside its buttons. Main does the test and answers in
 * plain words; the renderer never sees a value or a token. The address last tested is kept in
 * memory only, so the dialog offers it again until the window closes.
 */
import { create } from 'zustand'
import type { CredentialType } from '../../../shared/domain'
import type { IpcResponse, IpcResult } from '../../../shared/ipc-contract'
import { api, useSecretsStore } from './secrets-store'

export type ConnectionTestResult = IpcResponse<'secrets:test-connection'>

export interface TestRequest {
  url?: string
  ca?: { fileName: string; dataBase64: string }
}

interface ConnectionTestsState {
  running: Record<string, boolean>
  results: Record<string, ConnectionTestResult>
  lastUrl: Record<string, string>
  /** Tests secret `id`; the answer is also kept as its last result. */
  test: (id: string, request: TestRequest) => Promise<IpcResult<ConnectionTestResult>>
}

/** Which secrets can be tested at all: a certificate only with its private key (mutual TLS). */
export function canTestConnection(secret: {
  type: CredentialType
  hasPrivateKey?: boolean
}): boolean {
  if (secret.type === 'certificate') return secret.hasPrivateKey === true
  return secret.type !== 'key-value'
}

/** Client credentials carry their token endpoint; the others are tested against an address given. */
export function needsAddress(type: CredentialType): boolean {
  return type !== 'client-credentials'
}

/** The facts under a result's sentence: status, token type and lifetime, server certificate. */
export function resultFacts(result: ConnectionTestResult): string[] {
  const facts = [result.target]
  if (result.httpStatus !== null) facts.push(`HTTP ${result.httpStatus}`)
  if (result.token !== null) {
    const { type, expiresInSeconds, authMethod } = result.token
    facts.push(
      `token type ${type}`,
      expiresInSeconds === null ? 'no stated lifetime' : `lifetime ${expiresInSeconds} s`,
      authMethod,
    )
  }
  if (result.server !== null) {
    const { subject, notAfter, protocol } = result.server
    if (subject !== '') facts.push(`server ${subject}`)
    if (notAfter !== '') facts.push(`certificate valid until ${notAfter.slice(0, 10)}`)
    if (protocol !== '') facts.push(protocol)
  }
  return facts
}

export const useConnectionTests = create<ConnectionTestsState>((set, get) => ({
  running: {},
  results: {},
  lastUrl: {},
  async test(id, request) {
    set({ running: { ...get().running, [id]: true } })
    let answer: IpcResult<ConnectionTestResult>
    try {
      answer = await api().secrets.testConnection({ id, ...request })
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'the request failed'
      answer = {
        ok: false,
        error: { code: 'IO_ERROR', message: `Safehold could not reach the vault: ${reason}` },
      }
    }
    set({
      running: { ...get().running, [id]: false },
      ...(answer.ok ? { results: { ...get().results, [id]: answer.value } } : {}),
      ...(request.url === undefined ? {} : { lastUrl: { ...get().lastUrl, [id]: request.url } }),
    })
    // A test is a use: it changes the last use, the usages and perhaps the status.
    if (answer.ok) await useSecretsStore.getState().refresh()
    return answer
  },
}))
