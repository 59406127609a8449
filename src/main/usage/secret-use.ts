/**
 * Handing a value to a consumer (DESIGN.md §3): the one place a value leaves the vault. Every use
 * is recorded per consumer; a use the secret's availability forbids is refused and logged. A use
 * of an Inactive or Scheduled secret cancels its deletion and says so, in the same transaction; a
 * secret whose deletion is already due is gone, and no use brings it back (DESIGN §2).
 */
import { PRIMARY_FIELD, scopeToString, SPOTS } from '../../shared/domain'
import { SafeholdError } from '../../shared/errors'
import { quoted } from '../../shared/name-text'
import type { SecretRef } from '../../shared/secret-requests'
import type { Clock } from '../lifecycle/clock'
import { reminderRecord } from '../lifecycle/reminder-rules'
import { reminderText } from '../lifecycle/reminder-text'
import { statusOf } from '../lifecycle/secret-status'
import { resolveLiveSecret } from '../secrets/secret-lookup'
import type { NotificationRecord, StoredSecret, VaultOp } from '../vault/vault-state'
import type { VaultStore } from '../vault/vault-store'

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
    if (field === undefined)
      return secret.keys
        .map((key) => `${key}=${dotenvQuote(own(secret.values, `pair:${key}`) ?? '')}`)
        .join('\n')
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

function dotenvQuote(value: string): string {
  return /^[A-Za-z0-9_./:@+-]*$/.test(value) ? value : JSON.stringify(value)
}

export interface UseOutcome {
  value: string
  secret: StoredSecret
  /** The secret was Inactive or Scheduled for deletion; this use made it Active again. */
  reactivated: boolean
  /** Then: the notification recorded, and the words to tell the user. */
  reactivation: { record: NotificationRecord; title: string; body: string } | null
}

export async function useSecret(
  store: VaultStore,
  clock: Clock,
  request: { ref: SecretRef; field?: string; consumer: string },
): Promise<UseOutcome> {
  const consumer = checkConsumer(request.consumer)
  let refusal: SafeholdError | null = null
  const outcome = await store.transact((state) => {
    const nowMs = clock.now().getTime()
    const secret = resolveLiveSecret(state, request.ref, nowMs)
    const at = new Date(nowMs).toISOString()
    const { status, deletesAt } = statusOf(secret, nowMs)
    const audit = (action: string, detail?: string): VaultOp => ({
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
    if (secret.availability?.kind === 'spot' && consumer !== `spot:${secret.availability.spot}`) {
      refusal = new SafeholdError(
        'USE_DENIED',
        `"${secret.name}" is available only to the Spot ${secret.availability.spot}; "${consumer}" may not use it.`,
        'consumer',
      )
      return {
        ops: [audit('use-refused', `availability spot:${secret.availability.spot}`)],
        result: null,
      }
    }
    const value = readField(secret, request.field)
    const reactivated = status === 'inactive' || status === 'scheduled-for-deletion'
    const ops: VaultOp[] = [
      { op: 'secret.use', id: secret.id, consumer, at },
      audit('used', request.field),
    ]
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
        audit('reactivated', `deletion due ${record.dueAt} cancelled`),
      )
    }
    return { ops, result: { value, secret, reactivated, reactivation } }
  })
  if (refusal !== null || outcome === null)
    throw refusal ?? new SafeholdError('USE_DENIED', 'The use was refused.')
  return outcome
}
