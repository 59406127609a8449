/**
 * Handing a value to a consumer (DESIGN.md §3): the one place a value leaves the vault. Every use
 * is recorded per consumer; a use the secret's availability forbids is refused and logged. A use
 * of an Inactive or Scheduled secret cancels its deletion and says so, in the same transaction; a
 * secret whose deletion is already due is gone, and no use brings it back (DESIGN §2).
 */
import { PRIMARY_FIELD, scopeToString, SPOTS } from '../../shared/domain'
import { isSafeholdError, SafeholdError } from '../../shared/errors'
import { quoted } from '../../shared/name-text'
import type { SecretRef } from '../../shared/secret-requests'
import type { Clock } from '../lifecycle/clock'
import { reminderRecord } from '../lifecycle/reminder-rules'
import { reminderText } from '../lifecycle/reminder-text'
import { statusOf } from '../lifecycle/secret-status'
import { resolveLiveSecret } from '../secrets/secret-lookup'
import type { NotificationRecord, StoredSecret, VaultOp, VaultState } from '../vault/vault-state'
import type { VaultStore } from '../vault/vault-store'
import { dotenvLines, unprintable } from './dotenv-lines'

const CONSUMER = /^[A-Za-z0-9][A-Za-z0-9:._@/ ()-]{0,63}$/

export function checkConsumer(consumer: string): string {
  if (typeof consumer !== 'string' || !CONSUMER.test(consumer)) {
    throw new SafeholdError(
      'INVALID_INPUT',
      'Name the consumer with --as NAME (1–64 letters, digits, ":", ".", "_", "-", "@", "/", spaces), e.g. --as deploy-script or --as spot:CodeCrafters.',
      'consumer',
    )
  }
  if (consumer.startsWith('spot:') && !(SPOTS as readonly string[]).includes(consumer.slice(5))) {
    throw new SafeholdError(
      'INVALID_INPUT',
      `There is no Spot ${quoted(consumer.slice(5), 'of that name')}; Spots are ${SPOTS.join(', ')}.`,
      'consumer',
    )
  }
  return consumer
}

/** An own property only: a field named "constructor" or "__proto__" is just a missing field. */
const own = (record: Record<string, string>, key: string): string | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined

/** The value a field names; key/value pairs as `pair:KEY` or plain `KEY`; all pairs as dotenv. */
export function readField(secret: StoredSecret, field: string | undefined): string {
  if (secret.type === 'key-value') {
    if (field === undefined) {
      const pairs = secret.keys.map((key) => ({
        key,
        value: own(secret.values, `pair:${key}`) ?? '',
      }))
      for (const { key, value } of pairs) {
        const why = unprintable(key, value, quoted(key, 'one key'))
        if (why !== null)
          throw new SafeholdError(
            'INVALID_INPUT',
            `"${secret.name}" cannot be printed as .env lines: ${why}. Ask for that key alone, with --field and its name.`,
            'field',
          )
      }
      return dotenvLines(pairs)
    }
    const key = field.startsWith('pair:') ? field.slice(5) : field
    const value = own(secret.values, `pair:${key}`)
    if (value === undefined) {
      throw new SafeholdError(
        'NOT_FOUND',
        `"${secret.name}" has no key ${quoted(key, 'of that name')}; its keys are ${secret.keys.join(', ')}.`,
        'field',
      )
    }
    return value
  }
  const name = field ?? PRIMARY_FIELD[secret.type]!
  const value = own(secret.fields, name) ?? own(secret.values, name)
  if (typeof value !== 'string') {
    const known = [...Object.keys(secret.fields), ...Object.keys(secret.values)]
    throw new SafeholdError(
      'NOT_FOUND',
      `"${secret.name}" has no field ${quoted(name, 'of the name given to --field')}; its fields are ${known.join(', ')}.`,
      'field',
    )
  }
  return value
}

export interface UseOutcome {
  value: string
  secret: StoredSecret
  /** The secret was Inactive or Scheduled for deletion; this use made it Active again. */
  reactivated: boolean
  /** Then: the notification recorded, and the words to tell the user. */
  reactivation: { record: NotificationRecord; title: string; body: string } | null
}

/** One value asked for: a secret and, optionally, its field. */
export interface UseRequest {
  ref: SecretRef
  field?: string
  /**
   * `NAME.FIELD` as `run --env` takes it: a secret of the whole name if there is one, else the
   * name before the last "." and the field after it (secret names may contain dots).
   */
  dotted?: boolean
}

/**
 * Every name `requests` may resolve to (a dotted one: the whole name and the part before its last
 * "."), so a store read for just these names (VaultStore.openForNames) holds all they need; null
 * when one names a secret by id, which needs the whole vault.
 */
export function namesRequested(requests: readonly UseRequest[]): string[] | null {
  const names = new Set<string>()
  for (const { ref, dotted } of requests) {
    if (!('name' in ref)) return null
    names.add(ref.name)
    const dot = ref.name.lastIndexOf('.')
    if (dotted && dot > 0) names.add(ref.name.slice(0, dot))
  }
  return [...names]
}

/** The secret and field a request names, in `state`. */
function resolveRequest(
  state: VaultState,
  request: UseRequest,
  nowMs: number,
): { secret: StoredSecret; field: string | undefined } {
  if (!request.dotted || !('name' in request.ref))
    return { secret: resolveLiveSecret(state, request.ref, nowMs), field: request.field }
  try {
    return { secret: resolveLiveSecret(state, request.ref, nowMs), field: undefined }
  } catch (error) {
    const dot = request.ref.name.lastIndexOf('.')
    if (!isSafeholdError(error) || error.code !== 'NOT_FOUND' || dot <= 0) throw error
    const ref = { ...request.ref, name: request.ref.name.slice(0, dot) }
    return { secret: resolveLiveSecret(state, ref, nowMs), field: request.ref.name.slice(dot + 1) }
  }
}

export async function useSecret(
  store: VaultStore,
  clock: Clock,
  request: UseRequest & { consumer: string },
): Promise<UseOutcome> {
  const [outcome] = await useSecrets(store, clock, {
    requests: [request],
    consumer: request.consumer,
  })
  return outcome!
}

/**
 * Hands the values of `requests` to one consumer in one transaction: all or none. Each secret is
 * recorded as used once, however many of its fields were asked for. A secret the consumer may not
 * use refuses the whole request; every refusal is logged.
 */
export async function useSecrets(
  store: VaultStore,
  clock: Clock,
  { requests, consumer: given }: { requests: readonly UseRequest[]; consumer: string },
): Promise<UseOutcome[]> {
  const consumer = checkConsumer(given)
  let refusal: SafeholdError | null = null
  const outcome = await store.transact((state) => {
    const nowMs = clock.now().getTime()
    const at = new Date(nowMs).toISOString()
    const audit = (secret: StoredSecret, action: string, detail?: string): VaultOp => ({
      op: 'audit',
      entry: {
        at,
        actor: consumer,
        action,
        secretId: secret.id,
        secretName: secret.name,
        ...(detail ? { detail } : {}),
      },
    })
    const resolved = requests.map((request) => resolveRequest(state, request, nowMs))
    const refused = [...new Set(resolved.map(({ secret }) => secret))].filter(
      (secret) =>
        secret.availability?.kind === 'spot' && consumer !== `spot:${secret.availability.spot}`,
    )
    if (refused.length > 0) {
      const first = refused[0]!
      const spot = first.availability?.kind === 'spot' ? first.availability.spot : ''
      refusal = new SafeholdError(
        'USE_DENIED',
        `"${first.name}" is available only to the Spot ${spot}; "${consumer}" may not use it.` +
          (refused.length > 1
            ? ` ${refused.length - 1} more of the secrets asked for are refused too.`
            : ''),
        'consumer',
      )
      return {
        ops: refused.map((secret) =>
          audit(
            secret,
            'use-refused',
            secret.availability?.kind === 'spot'
              ? `availability spot:${secret.availability.spot}`
              : undefined,
          ),
        ),
        result: null,
      }
    }
    const values = resolved.map(({ secret, field }) => readField(secret, field))
    const ops: VaultOp[] = []
    const outcomes = new Map<StoredSecret, Pick<UseOutcome, 'reactivated' | 'reactivation'>>()
    for (const { secret } of resolved) {
      if (outcomes.has(secret)) continue
      const fields = new Set(resolved.filter((r) => r.secret === secret).map((r) => r.field))
      fields.delete(undefined)
      ops.push(
        { op: 'secret.use', id: secret.id, consumer, at },
        audit(secret, 'used', [...fields].join(', ') || undefined),
      )
      const { status, deletesAt } = statusOf(secret, nowMs)
      const reactivated = status === 'inactive' || status === 'scheduled-for-deletion'
      let reactivation: UseOutcome['reactivation'] = null
      if (reactivated && deletesAt !== null) {
        const record = reminderRecord(
          { id: secret.id, name: secret.name, scope: scopeToString(secret.scope) },
          { kind: 'reactivated', dueAt: deletesAt, offsetDays: 0 },
          nowMs,
        )
        reactivation = { record, ...reminderText(record) }
        ops.push(
          { op: 'notification.add', notification: record },
          audit(secret, 'reactivated', `deletion due ${record.dueAt} cancelled`),
        )
      }
      outcomes.set(secret, { reactivated, reactivation })
    }
    const result = resolved.map(({ secret }, i) => ({
      value: values[i]!,
      secret,
      ...outcomes.get(secret)!,
    }))
    return { ops, result }
  })
  if (refusal !== null || outcome === null)
    throw refusal ?? new SafeholdError('USE_DENIED', 'The use was refused.')
  return outcome
}
