/**
 * Applying an edit to a stored secret (DESIGN.md §1.3): a secret field left empty keeps its value;
 * every new value passes the same rules as at registration. Returns a new record; the stored one
 * is not touched.
 */
import { TYPE_FIELDS } from '../../shared/domain'
import { SafeholdError } from '../../shared/errors'
import { fieldSchema, LAST_KEY_MESSAGE } from '../../shared/secret-rules'
import { isShowable, quoted } from '../../shared/name-text'
import type { EditRequest } from '../../shared/secret-requests'
import {
  assertKeyMatchesCertificate,
  parsePrivateKeyFile,
} from '../certificates/certificate-parser'
import type { StoredSecret } from '../vault/vault-state'
import {
  check,
  labelOfType,
  readCertificate,
  validateExpiration,
  validatePairs,
} from './secret-input'

export interface EditOutcome {
  secret: StoredSecret
  changed: string[]
  warnings: string[]
}

export function applyEdit(current: StoredSecret, request: EditRequest, now: Date): EditOutcome {
  const next: StoredSecret = {
    ...current,
    fields: { ...current.fields },
    values: { ...current.values },
    keys: [...current.keys],
  }
  const changed: string[] = []
  let warnings: string[] = []
  const { plain, secret } = TYPE_FIELDS[current.type]

  for (const [key, value] of Object.entries(request.fields ?? {})) {
    const schema = [...plain, ...secret].includes(key) ? fieldSchema(key) : undefined
    if (schema === undefined) {
      throw new SafeholdError(
        'INVALID_INPUT',
        `${labelOfType(current.type)} has no field ${quoted(key, 'of that name')} to edit.`,
        isShowable(key) ? key : 'fields',
      )
    }
    if (value === '') continue
    const valid = check(schema, value, key)
    if (plain.includes(key)) next.fields[key] = valid
    else next.values[key] = valid
    changed.push(key)
  }

  if (request.pairs || request.replacePairs || request.removeKeys) {
    if (current.type !== 'key-value') {
      throw new SafeholdError(
        'INVALID_INPUT',
        `${labelOfType(current.type)} has no keys and values.`,
        'pairs',
      )
    }
    editPairs(next, request)
    changed.push('pairs')
  }

  if (request.certificate || request.privateKey) {
    if (current.type !== 'certificate') {
      throw new SafeholdError(
        'INVALID_INPUT',
        `${labelOfType(current.type)} takes no certificate or key file.`,
        'certificate',
      )
    }
    warnings = replaceCertificate(next, request, now)
    changed.push(request.certificate ? 'certificate' : 'privateKey')
  }

  // A certificate's expiry follows its file; a form that sends "no date" for it changes nothing.
  if (
    request.expiresAt !== undefined &&
    !(current.type === 'certificate' && request.expiresAt === null)
  ) {
    if (current.type === 'certificate') {
      throw new SafeholdError(
        'INVALID_INPUT',
        "A certificate's expiration date is read from the certificate and cannot be set.",
        'expiresAt',
      )
    }
    next.expiresAt = validateExpiration(request.expiresAt, now)
    changed.push('expiresAt')
  }

  if (changed.length > 0) {
    next.updatedAt = now.toISOString()
    next.lastActivityAt = now.toISOString()
  }
  return { secret: next, changed, warnings }
}

function editPairs(next: StoredSecret, request: EditRequest): void {
  let pairs = next.keys.map((key) => ({ key, value: next.values[`pair:${key}`] ?? '' }))
  if (request.replacePairs) pairs = request.replacePairs.map((p) => ({ ...p }))
  for (const key of request.removeKeys ?? []) {
    const at = pairs.findIndex((p) => p.key === key)
    if (at < 0) {
      throw new SafeholdError(
        'INVALID_INPUT',
        `There is no key ${quoted(key, 'of that name')} to remove.`,
        'pairs',
      )
    }
    pairs.splice(at, 1)
  }
  if (request.removeKeys?.length && pairs.length === 0 && !request.pairs?.length) {
    throw new SafeholdError('INVALID_INPUT', LAST_KEY_MESSAGE, 'pairs')
  }
  for (const { key, value } of request.pairs ?? []) {
    const existing = pairs.find((p) => p.key === key)
    if (existing) {
      if (value !== '') existing.value = value
    } else {
      pairs.push({ key, value })
    }
  }
  const valid = validatePairs(pairs)
  for (const key of Object.keys(next.values)) if (key.startsWith('pair:')) delete next.values[key]
  next.keys = valid.map((p) => p.key)
  for (const { key, value } of valid) next.values[`pair:${key}`] = value
}

function replaceCertificate(next: StoredSecret, request: EditRequest, now: Date): string[] {
  if (request.certificate) {
    const read = readCertificate(request.certificate, request.privateKey, now)
    const keptKey = read.values['privateKey'] ?? next.values['privateKey']
    if (keptKey !== undefined && read.values['privateKey'] === undefined) {
      try {
        assertKeyMatchesCertificate(read.values['certificate']!, keptKey)
      } catch {
        throw new SafeholdError(
          'KEY_MISMATCH',
          'The current private key does not belong to the new certificate; add the new private key too.',
          'privateKey',
        )
      }
    }
    next.values = {
      certificate: read.values['certificate']!,
      ...(keptKey === undefined ? {} : { privateKey: keptKey }),
    }
    next.certificate = read.certificate
    next.expiresAt = read.expiresAt
    return read.warnings
  }
  const keyFile = request.privateKey!
  const privateKeyPem = parsePrivateKeyFile({
    fileName: keyFile.fileName,
    data: Buffer.from(keyFile.data),
    ...(keyFile.password === undefined ? {} : { passphrase: keyFile.password }),
  })
  assertKeyMatchesCertificate(next.values['certificate']!, privateKeyPem)
  next.values['privateKey'] = privateKeyPem
  return []
}
