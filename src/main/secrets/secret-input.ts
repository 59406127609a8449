/**
 * Turns a registration or edit request into the fields and values a secret stores, applying
 * every rule of DESIGN.md §1.1. The first broken rule is thrown as a SafeholdError naming the
 * field; nothing is stored by this module.
 */
import {
  TYPE_FIELDS,
  type Availability,
  type CertificateFacts,
  type CredentialType,
  type Scope,
} from '../../shared/domain'
import { SafeholdError } from '../../shared/errors'
import { isShowable, quoted } from '../../shared/name-text'
import {
  availabilitySchema,
  credentialTypeSchema,
  expirationSchema,
  fieldSchema,
  kvPairsSchema,
  parseExpiration,
  scopeSchema,
  secretNameSchema,
} from '../../shared/secret-rules'
import type { FileInput, KeyValuePair, RegisterRequest } from '../../shared/secret-requests'
import type { CertificateReader } from '../certificates/certificate-reader'
import { check } from './rule-check'
import { AVAILABILITY_SCOPE_MESSAGE, validMetadata } from './secret-metadata'

export interface SecretContent {
  fields: Record<string, string>
  values: Record<string, string>
  keys: string[]
  certificate: CertificateFacts | null
  /** A certificate's expiry comes from the file, never from the user. */
  expiresAt: string | null
  warnings: string[]
}

export interface ValidRegistration extends SecretContent {
  type: CredentialType
  name: string
  scope: Scope
  availability: Availability | null
  /** Absent when none were given. */
  notes?: string
  tags?: string[]
}

/** A registration whose rules have passed and whose files are read (SecretsService). */
export interface PreparedRegistration {
  valid: ValidRegistration
  now: Date
}

/** Every rule of a registration; certificate files are read by `certificates`, off this thread. */
export async function validateRegistration(
  request: RegisterRequest,
  now: Date,
  certificates: CertificateReader,
): Promise<ValidRegistration> {
  if (request === null || typeof request !== 'object') {
    throw new SafeholdError('INVALID_INPUT', 'The registration request is empty.')
  }
  const type = check(credentialTypeSchema, request.type, 'type')
  const name = check(secretNameSchema, request.name, 'name')
  const scope = check(scopeSchema, request.scope, 'scope')
  let availability: Availability | null = null
  if (scope.kind === 'organization') {
    availability = request.availability
      ? check(availabilitySchema, request.availability, 'availability')
      : { kind: 'organization' }
  } else if (request.availability) {
    throw new SafeholdError('INVALID_INPUT', AVAILABILITY_SCOPE_MESSAGE, 'availability')
  }
  const metadata = validMetadata(request)
  const content = await validateContent(type, request, now, certificates)
  return { type, name, scope, availability, ...metadata, ...content }
}

async function validateContent(
  type: CredentialType,
  request: RegisterRequest,
  now: Date,
  certificates: CertificateReader,
): Promise<SecretContent> {
  const given = request.fields ?? {}
  const { plain, secret } = TYPE_FIELDS[type]
  const allowed = new Set([...plain, ...secret])
  for (const key of Object.keys(given)) {
    if (allowed.has(key)) continue
    const fields = [...plain, ...secret]
    const field = quoted(key, 'of that name')
    throw new SafeholdError(
      'INVALID_INPUT',
      type === 'certificate' || type === 'key-value'
        ? `${labelOfType(type)} takes no field ${field}.`
        : `${labelOfType(type)} has no field ${field}; its fields are ${fields.join(', ')}.`,
      isShowable(key) ? key : 'fields',
    )
  }
  const content: SecretContent = {
    fields: {},
    values: {},
    keys: [],
    certificate: null,
    expiresAt: null,
    warnings: [],
  }
  if (type === 'certificate') {
    if (request.expiresAt) {
      throw new SafeholdError(
        'INVALID_INPUT',
        "A certificate's expiration date is read from the certificate and cannot be set.",
        'expiresAt',
      )
    }
    if (!request.certificate)
      throw new SafeholdError(
        'INVALID_INPUT',
        'Certificate is required: add a certificate file.',
        'certificate',
      )
    const read = await readCertificate(certificates, request.certificate, request.privateKey, now)
    return { ...content, ...read }
  }
  if (request.certificate || request.privateKey) {
    throw new SafeholdError(
      'INVALID_INPUT',
      `${labelOfType(type)} takes no certificate or key file.`,
      'certificate',
    )
  }
  if (type === 'key-value') {
    const pairs = check(kvPairsSchema, request.pairs ?? [], 'pairs')
    content.keys = pairs.map((pair) => pair.key)
    for (const { key, value } of pairs) content.values[`pair:${key}`] = value
  } else {
    for (const key of [...plain, ...secret]) {
      const value = check(fieldSchema(key)!, Object.hasOwn(given, key) ? given[key] : '', key)
      if (plain.includes(key)) content.fields[key] = value
      else content.values[key] = value
    }
  }
  content.expiresAt = validateExpiration(request.expiresAt ?? null, now)
  return content
}

export function validateExpiration(expiresAt: string | null, now: Date): string | null {
  if (expiresAt === null || expiresAt === '') return null
  check(expirationSchema, expiresAt, 'expiresAt')
  const date = parseExpiration(expiresAt)!
  if (date.getTime() <= now.getTime()) {
    throw new SafeholdError('INVALID_INPUT', 'Expiration date must be in the future.', 'expiresAt')
  }
  return date.toISOString()
}

/**
 * Reads a certificate and its optional key file (in the certificate worker) into the values a
 * certificate secret stores; they are checked to belong together.
 */
export async function readCertificate(
  certificates: CertificateReader,
  certificateFile: FileInput,
  keyFile: FileInput | undefined,
  now: Date,
): Promise<Pick<SecretContent, 'values' | 'certificate' | 'expiresAt' | 'warnings'>> {
  const read = await certificates.read(
    keyFile === undefined
      ? { certificate: certificateFile }
      : { certificate: certificateFile, privateKey: keyFile },
    now,
  )
  const values: Record<string, string> = { certificate: read.certificatePem! }
  if (read.privateKeyPem !== null) values['privateKey'] = read.privateKeyPem
  return {
    values,
    certificate: read.facts,
    expiresAt: read.facts?.notAfter ?? null,
    warnings: read.warnings,
  }
}

export function validatePairs(pairs: KeyValuePair[]): KeyValuePair[] {
  return check(kvPairsSchema, pairs, 'pairs')
}

export function labelOfType(type: CredentialType): string {
  return {
    'api-key': 'An API Key',
    'bearer-token': 'A Bearer Token',
    'client-credentials': 'Client Credentials',
    certificate: 'A Certificate',
    'key-value': 'A Key/Value secret',
  }[type]
}
