/**
 * Every rule of DESIGN.md §1.1 and the role rule of §1.2, broken through the SecretsService on a
 * real vault in a temporary folder. For each: the error code, the message the user reads, the
 * field it names, and that nothing was stored — every file of the vault folder is byte-identical
 * afterwards and list()/show() report what they reported before.
 */
import { execFileSync } from 'node:child_process'
import { X509Certificate, createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { SafeholdError, type ErrorCode } from '../../src/shared/errors'
import type { RegisterRequest } from '../../src/shared/secret-requests'
import type { Role } from '../../src/shared/domain'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { SecretsService } from '../../src/main/secrets/secrets-service'
import { createVault } from '../../src/main/vault/vault-access'
import { instantText } from '../../src/shared/time-text'

const OPENSSL = '/usr/bin/openssl'
const DAY = 86_400_000
const NAME_RULE =
  'Secret name must be 3–64 characters long and use only letters, digits, "-", "_" and ".".'
const HEADER_CHARS =
  'Header name may contain only letters, digits and !#$%&\'*+-.^_`|~ (no spaces or ":").'
const KEY_RULE =
  'Keys must start with a letter or "_" and contain only letters, digits, "_", "." and "-".'
const CERT_EXPIRY_FIXED =
  "A certificate's expiration date is read from the certificate and cannot be set."
const KEY_MISMATCH =
  'The private key does not belong to this certificate. Choose the key that was created with it.'

let root = ''
let certDir = ''
let vaultCount = 0
/** Set once the certificates exist, so they are already valid at START (openssl stamps real time). */
let START = new Date(0)

interface TestVault {
  dir: string
  service: SecretsService
  setNow(date: Date): void
}

async function newVault(role: Role = 'account-holder'): Promise<TestVault> {
  const dir = join(root, `vault-${++vaultCount}`)
  let now = START
  const clock = { now: () => now }
  const { store, protection } = await createVault(
    dir,
    { profile: { organization: 'Acme', user: 'ada', role }, passphrase: null, now },
    { keychain: memoryKeychain(), passphrase: null },
  )
  return { dir, service: new SecretsService(store, clock, protection), setNow: (d) => (now = d) }
}

/** Every file under the vault folder, by relative path, as a SHA-256 of its bytes. */
function vaultFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {}
  const visit = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) visit(path)
      else
        files[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex')
    }
  }
  visit(dir)
  return files
}

interface Expected {
  code: ErrorCode
  message: string
  field?: string
}

/** Runs `action`, expects exactly this refusal, and checks that the vault did not change. */
async function expectRefused(
  vault: TestVault,
  action: (service: SecretsService) => Promise<unknown>,
  expected: Expected,
): Promise<void> {
  const { service } = vault
  const files = vaultFiles(vault.dir)
  const listed = await service.list()
  const shown = await Promise.all(listed.map((s) => service.show({ name: s.name, scope: s.scope })))
  expect(Object.keys(files)).toEqual(
    expect.arrayContaining(['vault.journal', 'vault.json', 'vault.snapshot']),
  )

  const error = await action(service).then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  expect(error, 'the action should have been refused').toBeInstanceOf(SafeholdError)
  const { code, message, field } = error as SafeholdError
  expect({ code, message, field }).toEqual({ field: undefined, ...expected })

  expect(vaultFiles(vault.dir)).toEqual(files)
  expect(await service.list()).toEqual(listed)
  expect(
    await Promise.all(listed.map((s) => service.show({ name: s.name, scope: s.scope }))),
  ).toEqual(shown)
}

const invalid = (message: string, field: string): Expected => ({
  code: 'INVALID_INPUT',
  message,
  field,
})

const apiKey = (over: Partial<RegisterRequest> = {}): RegisterRequest => ({
  type: 'api-key',
  name: 'stripe-live',
  scope: { kind: 'organization' },
  fields: { headerName: 'X-Api-Key', value: 'sk_live_123' },
  ...over,
})

const bearer = (fields: Record<string, string>): RegisterRequest => ({
  type: 'bearer-token',
  name: 'github-token',
  scope: { kind: 'personal' },
  fields: { headerName: 'Authorization', headerValue: 'Bearer ghp_abc', ...fields },
})

const clientCredentials = (fields: Record<string, string>): RegisterRequest => ({
  type: 'client-credentials',
  name: 'okta-m2m',
  scope: { kind: 'organization' },
  fields: {
    clientId: 'svc-billing',
    url: 'https://auth.example.com/oauth/token',
    clientSecret: 'cs_123',
    ...fields,
  },
})

const keyValue = (pairs: { key: string; value: string }[]): RegisterRequest => ({
  type: 'key-value',
  name: 'app-env',
  scope: { kind: 'organization' },
  pairs,
})

const certFile = (name: string) => ({ fileName: name, data: readFileSync(join(certDir, name)) })

/** `YYYY-MM-DD` of START + days. */
const day = (days: number): string =>
  new Date(START.getTime() + days * DAY).toISOString().slice(0, 10)

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'safehold-rules-'))
  certDir = join(root, 'certs')
  mkdirSync(certDir)
  for (const name of ['leaf', 'other']) {
    execFileSync(
      OPENSSL,
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes']
        .concat(['-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '30'])
        .concat(['-subj', `/O=Acme/CN=${name}.example.com`]),
      { cwd: certDir, stdio: 'pipe' },
    )
  }
  START = new Date(Math.ceil(Date.now() / 1000) * 1000 + 1000)
}, 60_000)

afterAll(() => {
  rmSync(root, { recursive: true, force: true })
})

let vault: TestVault

beforeEach(async () => {
  vault = await newVault()
  await vault.service.register(apiKey({ name: 'seed-key' }))
})

describe('Secret name', () => {
  it.each([
    ['too short', 'ab'],
    ['too long', 'k'.repeat(65)],
    ['a space', 'stripe live'],
    ['a slash', 'prod/stripe'],
    ['a non-ASCII letter', 'clé-stripe'],
  ])('refuses a name with %s', async (_, name) => {
    await expectRefused(vault, (s) => s.register(apiKey({ name })), invalid(NAME_RULE, 'name'))
  })

  it('asks for a name when it is empty', async () => {
    await expectRefused(
      vault,
      (s) => s.register(apiKey({ name: '' })),
      invalid('Secret name is required.', 'name'),
    )
  })

  it('asks for a name when none is given', async () => {
    const request = { ...apiKey(), name: undefined } as unknown as RegisterRequest
    await expectRefused(
      vault,
      (s) => s.register(request),
      invalid('Secret name is required.', 'name'),
    )
  })

  it('is unique within the organization, case-insensitively', async () => {
    await expectRefused(vault, (s) => s.register(apiKey({ name: 'SEED-Key' })), {
      code: 'NAME_TAKEN',
      message: 'A secret named "seed-key" already exists in the organization. Choose another name.',
      field: 'name',
    })
  })

  it('is unique within a workspace and within the personal scope, case-insensitively', async () => {
    await vault.service.addWorkspace('Payments')
    await vault.service.register(
      apiKey({ name: 'db-admin', scope: { kind: 'workspace', workspace: 'Payments' } }),
    )
    await vault.service.register(apiKey({ name: 'my-token', scope: { kind: 'personal' } }))

    await expectRefused(
      vault,
      (s) =>
        s.register(
          apiKey({ name: 'DB-ADMIN', scope: { kind: 'workspace', workspace: 'payments' } }),
        ),
      {
        code: 'NAME_TAKEN',
        message:
          'A secret named "db-admin" already exists in workspace "Payments". Choose another name.',
        field: 'name',
      },
    )
    await expectRefused(vault, (s) => s.register({ ...bearer({}), name: 'My-Token' }), {
      code: 'NAME_TAKEN',
      message:
        'A secret named "my-token" already exists in your personal secrets. Choose another name.',
      field: 'name',
    })
  })

  it('may be used again in another scope', async () => {
    await vault.service.addWorkspace('Payments')
    await vault.service.register(
      apiKey({ name: 'Seed-Key', scope: { kind: 'workspace', workspace: 'Payments' } }),
    )
    await vault.service.register(apiKey({ name: 'SEED-KEY', scope: { kind: 'personal' } }))
    const listed = await vault.service.list()
    expect(listed.map((s) => [s.scope, s.name]).sort()).toEqual([
      ['organization', 'seed-key'],
      ['personal', 'SEED-KEY'],
      ['workspace:Payments', 'Seed-Key'],
    ])
  })

  it('stays taken by a secret scheduled for deletion, and the message offers Cancel deletion', async () => {
    await vault.service.scheduleDeletion({ name: 'seed-key' })
    await expectRefused(vault, (s) => s.register(apiKey({ name: 'Seed-Key' })), {
      code: 'NAME_TAKEN',
      message:
        'The name "seed-key" is still taken in the organization by a secret that is scheduled for deletion. Use "Cancel deletion" on it to keep that secret, or choose another name.',
      field: 'name',
    })
    await vault.service.deleteNow({ name: 'seed-key' })
    const { secret } = await vault.service.register(apiKey({ name: 'Seed-Key' }))
    expect(secret.name).toBe('Seed-Key')
  })
})

describe('Header name', () => {
  it.each([
    ['', 'Header name is required.'],
    ['X Api Key', HEADER_CHARS],
    ['X-Api-Key:', HEADER_CHARS],
    ['X-Key\r\nX-Injected', HEADER_CHARS],
    ['H'.repeat(129), 'Header name must be at most 128 characters.'],
  ])('refuses %j for an API Key and a Bearer Token', async (headerName, message) => {
    const expected = invalid(message, 'headerName')
    await expectRefused(
      vault,
      (s) => s.register(apiKey({ fields: { headerName, value: 'sk_live_123' } })),
      expected,
    )
    await expectRefused(vault, (s) => s.register(bearer({ headerName })), expected)
  })

  it('asks for a header name left out of the request', async () => {
    await expectRefused(
      vault,
      (s) => s.register(apiKey({ fields: { value: 'sk_live_123' } })),
      invalid('Header name is required.', 'headerName'),
    )
  })
})

describe('Client Credentials: Client ID and URL', () => {
  it.each([
    ['', 'URL is required.'],
    [
      'auth.example.com/oauth/token',
      'URL must be an absolute address such as https://auth.example.com/oauth/token.',
    ],
    [
      'http://auth.example.com/oauth/token',
      'URL must use https:// (http:// is allowed only for localhost).',
    ],
    [
      'http://127.0.0.1.nip.io/token',
      'URL must use https:// (http:// is allowed only for localhost).',
    ],
    [
      'ftp://auth.example.com/token',
      'URL must use https:// (http:// is allowed only for localhost).',
    ],
  ])('refuses the URL %j', async (url, message) => {
    await expectRefused(
      vault,
      (s) => s.register(clientCredentials({ url })),
      invalid(message, 'url'),
    )
  })

  it('refuses an empty Client ID', async () => {
    await expectRefused(
      vault,
      (s) => s.register(clientCredentials({ clientId: '' })),
      invalid('Client ID is required.', 'clientId'),
    )
  })
})

describe('Values', () => {
  it.each([
    ['empty', '', 'Value is required.'],
    ['whitespace only', ' \t\n ', 'Value cannot be only whitespace.'],
    ['one byte over 64 KiB', 'v'.repeat(64 * 1024 + 1), 'Value is too long: at most 64 KiB.'],
    ['over 64 KiB in UTF-8 bytes', 'ü'.repeat(32 * 1024 + 1), 'Value is too long: at most 64 KiB.'],
    ['not valid UTF-8', 'sk_\uD800live', 'Value must be valid UTF-8 text.'],
  ])('refuses an API Key value that is %s', async (_, value, message) => {
    await expectRefused(
      vault,
      (s) => s.register(apiKey({ fields: { headerName: 'X-Api-Key', value } })),
      invalid(message, 'value'),
    )
  })

  it('names the Header value and the Client secret by their labels', async () => {
    await expectRefused(
      vault,
      (s) => s.register(bearer({ headerValue: '   ' })),
      invalid('Header value cannot be only whitespace.', 'headerValue'),
    )
    await expectRefused(
      vault,
      (s) => s.register(clientCredentials({ clientSecret: '' })),
      invalid('Client secret is required.', 'clientSecret'),
    )
  })

  it('refuses a field the type does not have', async () => {
    await expectRefused(
      vault,
      (s) =>
        s.register(apiKey({ fields: { headerName: 'X-Api-Key', value: 'v', clientSecret: 'x' } })),
      invalid(
        'An API Key has no field "clientSecret"; its fields are headerName, value.',
        'clientSecret',
      ),
    )
  })
})

describe('Expiration date', () => {
  it('refuses a date it cannot read', async () => {
    await expectRefused(
      vault,
      (s) => s.register(apiKey({ name: 'with-expiry', expiresAt: '31/12/2030' })),
      invalid('Expiration date must be a date such as 2027-03-31.', 'expiresAt'),
    )
  })

  it.each([
    ['yesterday', () => day(-1)],
    ['this very instant', () => START.toISOString()],
  ])('refuses %s at registration', async (_, expiresAt) => {
    await expectRefused(
      vault,
      (s) => s.register(apiKey({ name: 'with-expiry', expiresAt: expiresAt() })),
      invalid('Expiration date must be in the future.', 'expiresAt'),
    )
  })

  it('refuses a past date and an unreadable one at edit', async () => {
    await expectRefused(
      vault,
      (s) => s.edit({ ref: { name: 'seed-key' }, expiresAt: day(-30) }),
      invalid('Expiration date must be in the future.', 'expiresAt'),
    )
    await expectRefused(
      vault,
      (s) => s.edit({ ref: { name: 'seed-key' }, expiresAt: '2030-02-30' }),
      invalid('Expiration date must be a date such as 2027-03-31.', 'expiresAt'),
    )
  })

  it('refuses at edit a date that was fine when the secret was registered but is now past', async () => {
    await vault.service.register(apiKey({ name: 'expiring', expiresAt: day(10) }))
    vault.setNow(new Date(START.getTime() + 20 * DAY))
    await expectRefused(
      vault,
      (s) => s.edit({ ref: { name: 'expiring' }, expiresAt: day(10) }),
      invalid('Expiration date must be in the future.', 'expiresAt'),
    )
  })
})

describe('Key/Value', () => {
  const pair = (key: string, value = 'v') => ({ key, value })

  it.each([
    ['a key starting with a digit', [pair('1PASSWORD')], `Key "1PASSWORD": ${KEY_RULE}`],
    ['a key with a space', [pair('API KEY')], `Key "API KEY": ${KEY_RULE}`],
    ['a key used twice', [pair('A'), pair('B'), pair('A')], 'Key "A" appears more than once.'],
    ['no pairs', [], 'Add at least one key and value.'],
    ['a whitespace-only value', [pair('A', ' ')], 'The value of "A" cannot be only whitespace.'],
    ['an empty value', [pair('A', '')], 'The value of "A" is required.'],
    [
      '201 keys',
      Array.from({ length: 201 }, (_, i) => pair(`K${i}`)),
      'At most 200 keys are allowed.',
    ],
  ])('refuses %s', async (_, pairs, message) => {
    await expectRefused(vault, (s) => s.register(keyValue(pairs)), invalid(message, 'pairs'))
  })

  it('refuses the same rules at edit', async () => {
    await vault.service.register(keyValue([pair('A', 'one'), pair('B', 'two')]))
    await expectRefused(
      vault,
      (s) => s.edit({ ref: { name: 'app-env' }, pairs: [pair('-bad')] }),
      invalid(`Key "-bad": ${KEY_RULE}`, 'pairs'),
    )
    await expectRefused(
      vault,
      (s) => s.edit({ ref: { name: 'app-env' }, replacePairs: [] }),
      invalid('Add at least one key and value.', 'pairs'),
    )
    await expectRefused(
      vault,
      (s) => s.edit({ ref: { name: 'app-env' }, removeKeys: ['A', 'MISSING'] }),
      invalid('There is no key "MISSING" to remove.', 'pairs'),
    )
    await expectRefused(
      vault,
      (s) => s.edit({ ref: { name: 'app-env' }, removeKeys: ['A', 'B'] }),
      invalid(
        'A Key/Value secret keeps at least one key. To remove them all, delete the secret.',
        'pairs',
      ),
    )
    await expectRefused(
      vault,
      (s) => s.edit({ ref: { name: 'seed-key' }, removeKeys: ['A'] }),
      invalid('An API Key has no keys and values.', 'pairs'),
    )
    await expectRefused(
      vault,
      (s) =>
        s.edit({
          ref: { name: 'app-env' },
          pairs: Array.from({ length: 199 }, (_, i) => pair(`NEW_${i}`)),
        }),
      invalid('At most 200 keys are allowed.', 'pairs'),
    )
  })
})

describe('Scope, workspace and availability', () => {
  it('refuses a workspace that does not exist, listing the existing ones', async () => {
    const into = (workspace: string) =>
      apiKey({ name: 'ws-key', scope: { kind: 'workspace', workspace } })
    await expectRefused(vault, (s) => s.register(into('Payments')), {
      code: 'WORKSPACE_NOT_FOUND',
      message:
        'There is no workspace "Payments". There are no workspaces yet; add one with "safehold workspace add NAME".',
      field: 'scope',
    })
    await vault.service.addWorkspace('Platform')
    await vault.service.addWorkspace('Data Science')
    await expectRefused(vault, (s) => s.register(into('Payments')), {
      code: 'WORKSPACE_NOT_FOUND',
      message: 'There is no workspace "Payments". Existing workspaces: Platform, Data Science.',
      field: 'scope',
    })
  })

  it('refuses a workspace that already exists, case-insensitively', async () => {
    await vault.service.addWorkspace('Platform')
    await expectRefused(vault, (s) => s.addWorkspace('PLATFORM'), {
      code: 'WORKSPACE_EXISTS',
      message: 'A workspace named "PLATFORM" already exists.',
      field: 'workspace',
    })
  })

  it('refuses an availability on a workspace or personal secret', async () => {
    await vault.service.addWorkspace('Platform')
    const message =
      'Availability applies only to organization secrets; workspace and personal secrets have none.'
    await expectRefused(
      vault,
      (s) =>
        s.register(apiKey({ scope: { kind: 'personal' }, availability: { kind: 'organization' } })),
      invalid(message, 'availability'),
    )
    await expectRefused(
      vault,
      (s) =>
        s.register(
          apiKey({
            scope: { kind: 'workspace', workspace: 'Platform' },
            availability: { kind: 'spot', spot: 'CodeCrafters' },
          }),
        ),
      invalid(message, 'availability'),
    )
  })

  it('refuses a Spot that does not exist', async () => {
    const availability = {
      kind: 'spot',
      spot: 'SkyNet',
    } as unknown as RegisterRequest['availability']
    await expectRefused(
      vault,
      (s) => s.register(apiKey({ availability })),
      invalid(
        'Spot must be one of: CodeCrafters, Bytebards, GlitchGuardians, QuantumQuorums, NeuralNinjas, EchoEngineers.',
        'availability',
      ),
    )
  })
})

describe('Roles (§1.2)', () => {
  const forbidden = (verb: string, advice: string): Expected => ({
    code: 'FORBIDDEN_SCOPE',
    message: `Only an Account Holder or Account Manager can ${verb} organization secrets; you are a Member. ${advice}`,
    field: 'scope',
  })
  const ASK = 'Ask an Account Holder or Account Manager to do it.'

  beforeEach(async () => {
    await vault.service.addWorkspace('Platform')
    await vault.service.updateProfile({ role: 'member', confirmDemotion: true })
  })

  it('refuses a Member registering, editing or deleting an organization secret', async () => {
    await expectRefused(
      vault,
      (s) => s.register(apiKey({ name: 'new-org-key' })),
      forbidden('register', 'Choose Workspace or Personal.'),
    )
    await expectRefused(
      vault,
      (s) => s.edit({ ref: { name: 'seed-key' }, fields: { headerName: 'X-Other' } }),
      forbidden('edit', ASK),
    )
    await expectRefused(vault, (s) => s.deleteNow({ name: 'seed-key' }), forbidden('delete', ASK))
    await expectRefused(
      vault,
      (s) => s.scheduleDeletion({ name: 'seed-key' }),
      forbidden('schedule the deletion of', ASK),
    )
  })

  it('lets a Member register, edit and delete workspace and personal secrets', async () => {
    const { service } = vault
    await service.register(
      apiKey({ name: 'team-key', scope: { kind: 'workspace', workspace: 'Platform' } }),
    )
    await service.register(apiKey({ name: 'my-key', scope: { kind: 'personal' } }))
    const edited = await service.edit({
      ref: { name: 'team-key' },
      fields: { headerName: 'X-Team' },
    })
    expect(edited.secret.fields).toEqual({ headerName: 'X-Team' })
    await service.scheduleDeletion({ name: 'my-key' })
    await service.deleteNow({ name: 'team-key' })
    expect((await service.list()).map((s) => [s.name, s.status])).toEqual([
      ['my-key', 'scheduled-for-deletion'],
      ['seed-key', 'active'],
    ])
  })

  it('refuses a Member changing the role', async () => {
    await expectRefused(vault, (s) => s.updateProfile({ role: 'account-holder' }), {
      code: 'FORBIDDEN_SCOPE',
      message: 'Only the Account Holder can change the role; you are a Member.',
      field: 'role',
    })
  })
})

describe('Roles (§1.2): Account Holder and Account Manager', () => {
  it('asks an Account Holder to confirm before demoting itself', async () => {
    await expectRefused(vault, (s) => s.updateProfile({ role: 'account-manager' }), {
      code: 'CONFIRMATION_REQUIRED',
      message:
        'As Account Manager you can no longer change roles, so you cannot promote yourself back to Account Holder. Confirm the change to go ahead.',
      field: 'role',
    })
  })

  it('lets an Account Manager manage organization secrets but not change the role', async () => {
    await vault.service.updateProfile({ role: 'account-manager', confirmDemotion: true })
    await vault.service.register(apiKey({ name: 'managed-key' }))
    await vault.service.deleteNow({ name: 'managed-key' })
    await expectRefused(vault, (s) => s.updateProfile({ role: 'account-holder' }), {
      code: 'FORBIDDEN_SCOPE',
      message: 'Only the Account Holder can change the role; you are an Account Manager.',
      field: 'role',
    })
  })
})

describe('Certificates', () => {
  const certificate = (over: Partial<RegisterRequest> = {}): RegisterRequest => ({
    type: 'certificate',
    name: 'mtls-client',
    scope: { kind: 'organization' },
    certificate: certFile('leaf.pem'),
    privateKey: certFile('leaf.key'),
    ...over,
  })

  it('refuses an expiration date set by hand, at registration and at edit', async () => {
    await expectRefused(
      vault,
      (s) => s.register(certificate({ expiresAt: day(10) })),
      invalid(CERT_EXPIRY_FIXED, 'expiresAt'),
    )
    await vault.service.register(certificate())
    await expectRefused(
      vault,
      (s) => s.edit({ ref: { name: 'mtls-client' }, expiresAt: day(10) }),
      invalid(CERT_EXPIRY_FIXED, 'expiresAt'),
    )
  })

  it('refuses a private key that belongs to another certificate, at registration and at edit', async () => {
    const mismatch: Expected = { code: 'KEY_MISMATCH', message: KEY_MISMATCH, field: 'privateKey' }
    await expectRefused(
      vault,
      (s) => s.register(certificate({ privateKey: certFile('other.key') })),
      mismatch,
    )
    await vault.service.register(certificate())
    await expectRefused(
      vault,
      (s) => s.edit({ ref: { name: 'mtls-client' }, privateKey: certFile('other.key') }),
      mismatch,
    )
    await expectRefused(
      vault,
      (s) => s.edit({ ref: { name: 'mtls-client' }, certificate: certFile('other.pem') }),
      {
        code: 'KEY_MISMATCH',
        message:
          'The current private key does not belong to the new certificate; add the new private key too.',
        field: 'privateKey',
      },
    )
  })

  it('refuses a certificate that has expired', async () => {
    const notAfter = new Date(new X509Certificate(certFile('leaf.pem').data).validTo)
    vault.setNow(new Date(notAfter.getTime() + DAY))
    await expectRefused(vault, (s) => s.register(certificate()), {
      code: 'CERT_EXPIRED',
      message: `The certificate expired on ${instantText(notAfter)}. Register a renewed certificate.`,
      field: 'certificate',
    })
  })

  it('asks for the certificate file, and refuses files on other types', async () => {
    await expectRefused(
      vault,
      (s) => s.register(certificate({ certificate: undefined, privateKey: undefined })),
      invalid('Certificate is required: add a certificate file.', 'certificate'),
    )
    await expectRefused(
      vault,
      (s) => s.register(apiKey({ name: 'with-file', certificate: certFile('leaf.pem') })),
      invalid('An API Key takes no certificate or key file.', 'certificate'),
    )
  })
})

describe('Edits are all or nothing', () => {
  it('stores no part of an edit when one of its fields breaks a rule', async () => {
    await expectRefused(
      vault,
      (s) =>
        s.edit({
          ref: { name: 'seed-key' },
          fields: { headerName: 'X-New-Header', value: '   ' },
          expiresAt: day(30),
        }),
      invalid('Value cannot be only whitespace.', 'value'),
    )
    await expectRefused(
      vault,
      (s) =>
        s.edit({
          ref: { name: 'seed-key' },
          fields: { value: 'sk_new', headerName: 'Bad Header' },
        }),
      invalid(HEADER_CHARS, 'headerName'),
    )
  })

  it('refuses to edit a field the type does not have', async () => {
    await expectRefused(
      vault,
      (s) => s.edit({ ref: { name: 'seed-key' }, fields: { clientSecret: 'x' } }),
      invalid('An API Key has no field "clientSecret" to edit.', 'clientSecret'),
    )
  })

  it('refuses to edit a secret that does not exist', async () => {
    await expectRefused(
      vault,
      (s) => s.edit({ ref: { name: 'no-such-key' }, fields: { value: 'x' } }),
      {
        code: 'NOT_FOUND',
        message: 'No secret named "no-such-key". "safehold list" shows the secrets.',
        field: 'name',
      },
    )
  })
})
