/**
 * No plaintext at rest (DESIGN.md §4): after registering every credential type, using, editing
 * and deleting, and compacting so a snapshot and backups exist, no file anywhere under the vault
 * folder contains a value, a name or any other field of a secret, in UTF-8, base64 or hex. Files
 * are 0600 and folders 0700 even under a permissive umask.
 */
import { generateKeyPairSync } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import forge from 'node-forge'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useSecret } from '../../src/main/usage/secret-use'
import { openVault } from '../../src/main/vault/vault-access'
import {
  createTestVault,
  keychainWith,
  listFiles,
  listFolders,
  makeTempDir,
  modeOf,
  removeTempDirs,
  TEST_PROFILE,
  type TestVault,
} from '../support/vault-fixtures'

const CANARY = {
  apiKeyName: 'quokka-payments-apikey',
  apiHeader: 'X-Quokka-Canary-Auth',
  apiValue: 'sk_live_quokka_CANARY_7f3e9a1b5c2d8e4f6a0b',
  bearerName: 'marmoset-bearer-token',
  bearerHeader: 'X-Marmoset-Canary-Bearer',
  bearerValue: 'eyJhbGciOiJIUzI1NiJ9.marmosetCANARYpayload.sig9931',
  clientName: 'ocelot-client-creds',
  clientId: 'ocelot-canary-client-id-55217',
  clientUrl: 'https://auth.ocelot-canary.example/oauth/token',
  clientSecret: 'ocelot-CANARY-client-secret-ÄÖÜ-with-unicode-✓',
  kvName: 'narwhal-env-pairs',
  kvKeyOne: 'NARWHAL_CANARY_DB_PASSWORD',
  kvValueOne: 'narwhal-db-pass-CANARY-0042',
  kvKeyTwo: 'NARWHAL_CANARY_SIGNING_KEY',
  kvValueTwo: 'narwhal-signing-CANARY-8d1f',
  certName: 'axolotl-tls-cert',
  certCommonName: 'axolotl-canary.example.com',
  editedName: 'pangolin-edited-key',
  editedOldValue: 'pangolin-OLD-canary-value-1a2b3c',
  editedNewValue: 'pangolin-NEW-canary-value-4d5e6f',
  deletedName: 'wombat-deleted-key',
  deletedValue: 'wombat-DELETED-canary-value-9z8y',
  lateName: 'tapir-after-compaction',
  lateValue: 'tapir-LATE-canary-value-in-journal',
  consumer: 'capybara-canary-deploy-bot',
}

/** A self-signed RSA certificate and its PKCS#8 key, made here so no fixture file holds it. */
function makeCertificate(commonName: string, now: Date): { certPem: string; keyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  const cert = forge.pki.createCertificate()
  cert.publicKey = forge.pki.publicKeyFromPem(
    publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  )
  cert.serialNumber = '0a1b2c3d4e5f'
  cert.validity.notBefore = new Date(now.getTime() - 86_400_000)
  cert.validity.notAfter = new Date(now.getTime() + 90 * 86_400_000)
  const subject = [{ name: 'commonName', value: commonName }]
  cert.setSubject(subject)
  cert.setIssuer(subject)
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create())
  return { certPem: forge.pki.certificateToPem(cert), keyPem }
}

/** The base64 body lines of a PEM, each long enough that a chance match is impossible. */
const pemBodyLines = (pem: string): string[] =>
  pem.split(/\r?\n/).filter((line) => line.length >= 40 && !line.startsWith('-----'))

let vault: TestVault
let certificate: { certPem: string; keyPem: string }

beforeAll(async () => {
  // Under umask 0 any file or folder not created with an explicit private mode would be 0666/0777.
  const previousUmask = process.umask(0)
  try {
    vault = await createTestVault(join(makeTempDir('plaintext'), 'vault'))
    const { service, store, clock } = vault
    const personal = { kind: 'personal' } as const
    await service.register({
      type: 'api-key',
      name: CANARY.apiKeyName,
      scope: personal,
      fields: { headerName: CANARY.apiHeader, value: CANARY.apiValue },
    })
    await service.register({
      type: 'bearer-token',
      name: CANARY.bearerName,
      scope: { kind: 'organization' },
      fields: { headerName: CANARY.bearerHeader, headerValue: CANARY.bearerValue },
    })
    await service.register({
      type: 'client-credentials',
      name: CANARY.clientName,
      scope: personal,
      fields: {
        clientId: CANARY.clientId,
        url: CANARY.clientUrl,
        clientSecret: CANARY.clientSecret,
      },
    })
    await service.register({
      type: 'key-value',
      name: CANARY.kvName,
      scope: personal,
      pairs: [
        { key: CANARY.kvKeyOne, value: CANARY.kvValueOne },
        { key: CANARY.kvKeyTwo, value: CANARY.kvValueTwo },
      ],
    })
    certificate = makeCertificate(CANARY.certCommonName, clock.now())
    await service.register({
      type: 'certificate',
      name: CANARY.certName,
      scope: personal,
      certificate: { fileName: 'cert.pem', data: Buffer.from(certificate.certPem) },
      privateKey: { fileName: 'cert.key', data: Buffer.from(certificate.keyPem) },
    })
    await service.register({
      type: 'api-key',
      name: CANARY.editedName,
      scope: personal,
      fields: { headerName: 'X-Edited', value: CANARY.editedOldValue },
    })
    await service.edit({
      ref: { name: CANARY.editedName },
      fields: { value: CANARY.editedNewValue },
    })
    await service.register({
      type: 'api-key',
      name: CANARY.deletedName,
      scope: personal,
      fields: { headerName: 'X-Deleted', value: CANARY.deletedValue },
    })
    const used = await useSecret(store, clock, {
      ref: { name: CANARY.apiKeyName },
      consumer: CANARY.consumer,
    })
    expect(used.value).toBe(CANARY.apiValue)
    // Deleting compacts; a further compaction puts everything into a snapshot with a backup.
    await service.deleteNow({ name: CANARY.deletedName })
    await store.compact()
    await service.register({
      type: 'api-key',
      name: CANARY.lateName,
      scope: personal,
      fields: { headerName: 'X-Late', value: CANARY.lateValue },
    })
  } finally {
    process.umask(previousUmask)
  }
})

afterAll(removeTempDirs)

describe('the vault folder at rest', () => {
  it('holds every secret: the folder really contains what the checks below look for', async () => {
    const reopened = await openVault(vault.dir, {
      keychain: keychainWith(vault.vaultId, vault.key),
      passphrase: null,
    })
    const byName = Object.fromEntries(
      Object.values(reopened.store.state.secrets).map((s) => [s.name, s]),
    )
    expect(Object.keys(byName).sort()).toEqual(
      [
        CANARY.apiKeyName,
        CANARY.bearerName,
        CANARY.clientName,
        CANARY.kvName,
        CANARY.certName,
        CANARY.editedName,
        CANARY.lateName,
      ].sort(),
    )
    expect(byName[CANARY.clientName]?.values['clientSecret']).toBe(CANARY.clientSecret)
    expect(byName[CANARY.kvName]?.values[`pair:${CANARY.kvKeyTwo}`]).toBe(CANARY.kvValueTwo)
    expect(byName[CANARY.certName]?.certificate?.subject).toContain(CANARY.certCommonName)
    // Snapshot, journal and backups all exist, so every kind of file is inspected.
    const files = listFiles(vault.dir)
    expect(files).toEqual(expect.arrayContaining(['vault.json', 'vault.snapshot', 'vault.journal']))
    expect(files.filter((f) => f.startsWith('backups/')).length).toBeGreaterThanOrEqual(4)
  })

  it('contains no value, name, header name, client ID, key name or other field in any file', () => {
    const values = [
      CANARY.apiValue,
      CANARY.bearerValue,
      CANARY.clientSecret,
      CANARY.kvValueOne,
      CANARY.kvValueTwo,
      CANARY.editedOldValue,
      CANARY.editedNewValue,
      CANARY.deletedValue,
      CANARY.lateValue,
    ]
    const metadata = [
      CANARY.apiKeyName,
      CANARY.apiHeader,
      CANARY.bearerName,
      CANARY.bearerHeader,
      CANARY.clientName,
      CANARY.clientId,
      CANARY.clientUrl,
      CANARY.kvName,
      CANARY.kvKeyOne,
      CANARY.kvKeyTwo,
      CANARY.certName,
      CANARY.certCommonName,
      CANARY.editedName,
      CANARY.deletedName,
      CANARY.lateName,
      CANARY.consumer,
      TEST_PROFILE.organization,
      TEST_PROFILE.user,
    ]
    const needles: { what: string; bytes: Buffer }[] = []
    for (const text of [...values, ...metadata]) {
      needles.push({ what: `utf8 of "${text}"`, bytes: Buffer.from(text, 'utf8') })
    }
    for (const text of values) {
      const utf8 = Buffer.from(text, 'utf8')
      needles.push({ what: `base64 of "${text}"`, bytes: Buffer.from(utf8.toString('base64')) })
      needles.push({
        what: `base64url of "${text}"`,
        bytes: Buffer.from(utf8.toString('base64url')),
      })
      needles.push({ what: `hex of "${text}"`, bytes: Buffer.from(utf8.toString('hex')) })
    }
    for (const line of [
      ...pemBodyLines(certificate.certPem),
      ...pemBodyLines(certificate.keyPem),
    ]) {
      needles.push({ what: `PEM line "${line.slice(0, 16)}…"`, bytes: Buffer.from(line) })
    }

    const found: string[] = []
    const files = listFiles(vault.dir)
    for (const file of files) {
      const bytes = readFileSync(join(vault.dir, file))
      for (const needle of needles) {
        if (bytes.includes(needle.bytes)) found.push(`${file}: ${needle.what}`)
      }
    }
    expect(files.length).toBeGreaterThanOrEqual(7)
    expect(found).toEqual([])
  })

  it('keeps every file 0600 and every folder 0700', () => {
    const files = listFiles(vault.dir)
    const folders = ['.', ...listFolders(vault.dir)]
    const wrongFiles = files
      .map((f) => `${f} ${modeOf(join(vault.dir, f)).toString(8)}`)
      .filter((entry) => !entry.endsWith(' 600'))
    const wrongFolders = folders
      .map((f) => `${f} ${modeOf(join(vault.dir, f)).toString(8)}`)
      .filter((entry) => !entry.endsWith(' 700'))
    expect(folders.length).toBeGreaterThanOrEqual(3)
    expect(wrongFiles).toEqual([])
    expect(wrongFolders).toEqual([])
  })
})
