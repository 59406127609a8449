/**
 * Applying an edit to a stored secret (DESIGN.md §1.1, §1.3): a secret field left empty keeps its
 * value; every new value, name, note and tag passes the same rules as at registration; a value
 * replaced is kept as the previous value. Returns a new record; the stored one is not touched.
 * New certificate and key files are read first, by readEditFiles, outside the vault transaction
 * (reading one may take seconds); applyEdit then only checks what was read.
 */
import { availabilityToString, TYPE_FIELDS, type Availability } from '../../shared/domain'
import { SafeholdError } from '../../shared/errors'
import { fieldLabel, fieldSchema, LAST_KEY_MESSAGE } from '../../shared/secret-rules'
import { isShowable, quoted } from '../../shared/name-text'
import type { EditRequest } from '../../shared/secret-requests'
import type { CertificateFiles } from '../certificates/certificate-files'
import { assertKeyMatchesCertificate } from '../certificates/certificate-parser'
import type { CertificateReader } from '../certificates/certificate-reader'
import type { StoredSecret } from '../vault/vault-state'
import { keepPrevious, valuesDiffer } from './previous-value'
import { applyMetadata } from './secret-metadata'
import { check } from './rule-check'
import { labelOfType, validateExpiration, validatePairs } from './secret-input'

export interface EditOutcome {
  secret: StoredSecret
  /**
   * The field keys whose content the edit changed (headerName, value, pairs, certificate, notes,
   * tags, …), in the form's order; a field sent unchanged is not one of them.
   */
  changed: string[]
  /** The name before a rename; null when the name stays. */
  renamedFrom: string | null
  /** The availability before a change of it; null when it stays. */
  availabilityFrom: Availability | null
  /** Whether the star changed: a view preference, not an edit. */
  favouriteChanged: boolean
  warnings: string[]
}

/** An edit whose new certificate or key files are read (SecretsService). */
export interface PreparedEdit {
  request: EditRequest
  files: CertificateFiles | null
  now: Date
}

/** The edit's certificate and key files, read in the certificate worker; null when it has none. */
export async function readEditFiles(
  request: EditRequest,
  now: Date,
  certificates: CertificateReader,
): Promise<CertificateFiles | null> {
  const { certificate, privateKey } = request
  if (!certificate && !privateKey) return null
  return certificates.read(
    {
      ...(certificate ? { certificate } : {}),
      ...(privateKey ? { privateKey } : {}),
    },
    now,
  )
}

/**
 * The edit applied to `current`. Whether the new name is free in its scope depends on the other
 * secrets, so the caller checks that (renamedFrom says when it must).
 */
export function applyEdit(
  current: StoredSecret,
  request: EditRequest,
  now: Date,
  files: CertificateFiles | null,
): EditOutcome {
  const next: StoredSecret = {
    ...current,
    fields: { ...current.fields },
    values: { ...current.values },
    keys: [...current.keys],
  }
  const warnings = applyContent(current, next, request, now, files)
  const metadata = applyMetadata(current, next, request)
  const changed = [...changedContent(current, next), ...metadata.changed]
  const renamedFrom = next.name === current.name ? null : current.name
  const availabilityFrom =
    availabilityToString(next.availability) === availabilityToString(current.availability)
      ? null
      : current.availability
  if (changed.length > 0 || renamedFrom !== null || availabilityFrom !== null) {
    next.updatedAt = now.toISOString()
    next.lastActivityAt = now.toISOString()
  }
  return {
    secret: keepPrevious(current, next, now),
    changed,
    renamedFrom,
    availabilityFrom,
    favouriteChanged: (next.favourite ?? false) !== (current.favourite ?? false),
    warnings,
  }
}

/** Whether the request asks for nothing but a favourite star (an empty `fields` asks nothing). */
export function onlyStars(request: EditRequest): boolean {
  return Object.entries(request).every(
    ([key, value]) =>
      key === 'ref' ||
      key === 'favourite' ||
      value === undefined ||
      (key === 'fields' && Object.keys(value as object).length === 0),
  )
}

/** The availability as the UI names it. */
export function availabilityLabel(availability: Availability | null): string {
  if (availability === null) return 'none'
  return availability.kind === 'spot' ? `Spot ${availability.spot}` : 'Entire organization'
}

/**
 * The audit entries of an edit, as [action, detail]; none when it changed nothing that counts
 * (a favourite alone). Fields are named by their labels ("changed Header name, Value").
 */
export function editAudit(current: StoredSecret, edited: EditOutcome): [string, string][] {
  const entries: [string, string][] = []
  if (edited.renamedFrom !== null)
    entries.push(['renamed', `from "${edited.renamedFrom}" to "${edited.secret.name}"`])
  if (edited.availabilityFrom !== null) {
    const to = availabilityLabel(edited.secret.availability)
    entries.push(['availability-changed', `${availabilityLabel(current.availability)} → ${to}`])
  }
  if (edited.changed.length > 0)
    entries.push(['edited', `changed ${edited.changed.map(fieldLabel).join(', ')}`])
  return entries
}

/** Fields, values, pairs, files and expiry; returns the warnings of a new certificate. */
function applyContent(
  current: StoredSecret,
  next: StoredSecret,
  request: EditRequest,
  now: Date,
  files: CertificateFiles | null,
): string[] {
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
  }

  if (request.certificate || request.privateKey) {
    if (current.type !== 'certificate') {
      throw new SafeholdError(
        'INVALID_INPUT',
        `${labelOfType(current.type)} takes no certificate or key file.`,
        'certificate',
      )
    }
    if (files === null) throw new Error('applyEdit needs the files readEditFiles read')
    warnings = replaceCertificate(next, files)
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
  }
  return warnings
}

/** The content fields that differ, by key: a value typed again as it was is no change. */
function changedContent(current: StoredSecret, next: StoredSecret): string[] {
  const { plain, secret } = TYPE_FIELDS[current.type]
  const changed = [...plain].filter((key) => next.fields[key] !== current.fields[key])
  changed.push(...secret.filter((key) => next.values[key] !== current.values[key]))
  if (current.type === 'key-value' && valuesDiffer(current, next)) changed.push('pairs')
  if (current.type !== 'certificate' && next.expiresAt !== current.expiresAt)
    changed.push('expiresAt')
  return changed
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

/**
 * The files were read and checked by the worker; what is left here compares two PEMs Safehold
 * wrote itself (no key derivation), so it is quick enough for inside the transaction.
 */
function replaceCertificate(next: StoredSecret, files: CertificateFiles): string[] {
  if (files.certificatePem !== null) {
    const keptKey = files.privateKeyPem ?? next.values['privateKey']
    if (keptKey !== undefined && files.privateKeyPem === null) {
      try {
        assertKeyMatchesCertificate(files.certificatePem, keptKey)
      } catch {
        throw new SafeholdError(
          'KEY_MISMATCH',
          'The current private key does not belong to the new certificate; add the new private key too.',
          'privateKey',
        )
      }
    }
    next.values = {
      certificate: files.certificatePem,
      ...(keptKey === undefined ? {} : { privateKey: keptKey }),
    }
    next.certificate = files.facts
    next.expiresAt = files.facts?.notAfter ?? null
    return files.warnings
  }
  const privateKeyPem = files.privateKeyPem!
  assertKeyMatchesCertificate(next.values['certificate']!, privateKeyPem)
  next.values['privateKey'] = privateKeyPem
  return []
}
