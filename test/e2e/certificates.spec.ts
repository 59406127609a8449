import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { instantText } from '../../src/shared/time-text'
import {
  makeSelfSignedCertificate,
  openssl,
  pemBodyLines,
  type KeyAlgorithm,
  type TestCertificate,
} from '../support/certs'
import {
  cellOf,
  dropFiles,
  expectNoValueInDocument,
  fileFrom,
  openApp,
  register,
  review,
  row,
  showScope,
  startRegistration,
  typeSecret,
} from './support/app-page'
import {
  expect,
  openVault,
  screenshot,
  test,
  type E2eVault,
  type IpcRecorder,
} from './support/fixtures'

// Certificates and private keys reach the wizard the way people hand them over: dragged from the
// file manager and dropped on the zones (real `drop` events with a DataTransfer). Main reads them
// and answers with facts; the wizard shows them, fills the expiration date, and says plainly what
// is wrong with a file that cannot be registered.

let vault: E2eVault
let dir: string

test.beforeAll(async () => {
  vault = await openVault()
  dir = mkdtempSync(join(tmpdir(), 'safehold-e2e-certs-'))
})

test.afterAll(async () => {
  await vault?.stop()
  rmSync(dir, { recursive: true, force: true })
})

const names = (): string[] => vault.cliJson<{ name: string }[]>('list').map((s) => s.name)

function remember(ipc: IpcRecorder, cert: TestCertificate): TestCertificate {
  for (const line of [...pemBodyLines(cert.certPem), ...pemBodyLines(cert.keyPem)]) ipc.watch(line)
  return cert
}

const KEY_TYPES: { algorithm: KeyAlgorithm; keyType: string }[] = [
  { algorithm: 'rsa', keyType: 'RSA 2048' },
  { algorithm: 'ec-p256', keyType: 'EC P-256' },
]

for (const { algorithm, keyType } of KEY_TYPES) {
  test(`a dropped ${algorithm} certificate and its .key register with the expiration read from the certificate`, async ({
    page,
    ipc,
  }, testInfo) => {
    const name = `tls-${algorithm}`
    const cert = remember(ipc, makeSelfSignedCertificate(dir, name, { algorithm, days: 200 }))
    await openApp(page, vault.harness.url)
    const wizard = await startRegistration(page, { scope: 'personal' }, 'Certificate')
    await wizard.getByLabel('Secret name').fill(name)

    const expiration = wizard.getByLabel('Expiration date')
    await expect(expiration).toHaveValue('')
    await dropFiles(page, wizard.getByRole('button', { name: 'Certificate', exact: true }), [
      fileFrom(cert.certFile, 'application/x-pem-file'),
    ])
    // The facts main read, beside the zone.
    const facts = wizard.getByRole('region', { name: 'Read from the certificate' })
    await expect(facts.getByRole('definition').getByText(cert.subject).first()).toBeVisible()
    await expect(facts.getByRole('definition').getByText(keyType, { exact: true })).toBeVisible()
    for (const term of ['Subject', 'Issuer', 'Key type', 'Valid from', 'Valid until']) {
      await expect(facts.getByRole('term').getByText(term, { exact: true })).toBeVisible()
    }
    await expect(facts.getByRole('definition').getByText('Not included')).toBeVisible()
    // The expiration date fills itself in from the certificate, and cannot be changed.
    await expect(expiration).toHaveValue(cert.notAfter.slice(0, 10))
    await expect(expiration).toHaveAttribute('readonly', '')

    await dropFiles(page, wizard.getByRole('button', { name: 'Private key', exact: true }), [
      fileFrom(cert.keyFile),
    ])
    await expect(wizard.getByText(`${name}.key`)).toBeVisible()
    await expect(facts.getByRole('definition').getByText('Included', { exact: true })).toBeVisible()
    await screenshot(page, testInfo, `certificate-dropped-${algorithm}`)

    await review(wizard)
    await expect(
      wizard.getByRole('definition').getByText('Included', { exact: true }),
    ).toBeVisible()
    await register(page, wizard, name)

    await showScope(page, { scope: 'personal' })
    await expect(await cellOf(page, name, 'Credential type')).toHaveText('Certificate')
    const expiry = await cellOf(page, name, 'Expiration date')
    const shown = await expiry.locator('time').getAttribute('datetime')
    expect(shown).toBe(cert.notAfter)
    await expectNoValueInDocument(page, ipc.values)

    const stored = vault.cliJson<{ expiresAt: string; hasPrivateKey: boolean }>('show', name)
    expect(stored).toMatchObject({ expiresAt: cert.notAfter, hasPrivateKey: true })
  })
}

test('a private key of another certificate is refused with its message, and nothing registers', async ({
  page,
  ipc,
}, testInfo) => {
  const NAME = 'mismatched-pair'
  const cert = remember(ipc, makeSelfSignedCertificate(dir, 'mismatch-cert', { algorithm: 'rsa' }))
  const other = remember(
    ipc,
    makeSelfSignedCertificate(dir, 'mismatch-other', { algorithm: 'rsa' }),
  )
  await openApp(page, vault.harness.url)
  const wizard = await startRegistration(page, { scope: 'personal' }, 'Certificate')
  await wizard.getByLabel('Secret name').fill(NAME)
  await dropFiles(page, wizard.getByRole('button', { name: 'Certificate', exact: true }), [
    fileFrom(cert.certFile),
  ])
  await expect(wizard.getByText(cert.subject, { exact: true }).first()).toBeVisible()
  const keyZone = wizard.getByRole('button', { name: 'Private key', exact: true })
  await dropFiles(page, keyZone, [fileFrom(other.keyFile)])

  const message =
    'The private key does not belong to this certificate. Choose the key that was created with it.'
  await expect(wizard.getByText(message)).toBeVisible()
  await expect(keyZone).toHaveAttribute('aria-invalid', 'true')
  await expect(keyZone).toHaveAccessibleDescription(new RegExp(message.replace(/\./g, '\\.')))
  // The certificate alone is still readable: its facts stay, beside the error.
  await expect(wizard.getByText(cert.subject, { exact: true }).first()).toBeVisible()
  await wizard.getByText(message).scrollIntoViewIfNeeded()
  await screenshot(page, testInfo, 'certificate-key-mismatch')

  // Next does not pass the step while the key is wrong.
  await wizard.getByRole('button', { name: 'Next' }).click()
  await expect(wizard.getByRole('heading', { name: 'Details', exact: true })).toBeVisible()
  await expect(wizard.getByText(message)).toBeVisible()
  await wizard.getByRole('button', { name: 'Cancel' }).click()
  expect(names()).not.toContain(NAME)
})

test('an expired certificate is refused with the date it expired, and nothing registers', async ({
  page,
  ipc,
}, testInfo) => {
  const NAME = 'expired-cert'
  const cert = remember(
    ipc,
    makeSelfSignedCertificate(dir, 'expired', { days: 30, validFrom: '2020-01-01 00:00:00' }),
  )
  await openApp(page, vault.harness.url)
  const wizard = await startRegistration(page, { scope: 'personal' }, 'Certificate')
  await wizard.getByLabel('Secret name').fill(NAME)
  const zone = wizard.getByRole('button', { name: 'Certificate', exact: true })
  await dropFiles(page, zone, [fileFrom(cert.certFile)])

  const message = `The certificate expired on ${instantText(cert.notAfter)}. Register a renewed certificate.`
  await expect(wizard.getByText(message)).toBeVisible()
  await expect(zone).toHaveAttribute('aria-invalid', 'true')
  await expect(wizard.getByLabel('Expiration date')).toHaveValue('')
  await screenshot(page, testInfo, 'certificate-expired')
  await wizard.getByRole('button', { name: 'Next' }).click()
  await expect(wizard.getByRole('heading', { name: 'Details', exact: true })).toBeVisible()
  // The wizard holds a typed name: closing it asks first.
  await page.keyboard.press('Escape')
  await page
    .getByRole('alertdialog', { name: 'Discard what you typed?' })
    .getByRole('button', { name: 'Discard' })
    .click()
  await expect(wizard).toBeHidden()
  expect(names()).not.toContain(NAME)
})

test('a file that is not a certificate says why', async ({ page }) => {
  const notes = join(dir, 'notes.txt')
  writeFileSync(notes, 'just some notes\n')
  await openApp(page, vault.harness.url)
  const wizard = await startRegistration(page, { scope: 'personal' }, 'Certificate')
  await dropFiles(page, wizard.getByRole('button', { name: 'Certificate', exact: true }), [
    fileFrom(notes, 'text/plain'),
  ])
  await expect(
    wizard.getByText(/^"notes\.txt" is not a certificate file Safehold reads\./),
  ).toBeVisible()
})

test('a dropped .p12 asks for its password, then registers with the key it carries', async ({
  page,
  ipc,
}, testInfo) => {
  const cert = remember(ipc, makeSelfSignedCertificate(dir, 'bundle', { algorithm: 'ec-p256' }))
  const password = ipc.watch('p12 password ✓ 42')
  openssl(
    dir,
    'pkcs12',
    '-export',
    '-in',
    cert.certFile,
    '-inkey',
    cert.keyFile,
    '-out',
    'bundle.p12',
    '-passout',
    `pass:${password}`,
  )
  await openApp(page, vault.harness.url)
  const wizard = await startRegistration(page, { scope: 'personal' }, 'Certificate')
  await wizard.getByLabel('Secret name').fill('p12-bundle')
  await dropFiles(page, wizard.getByRole('button', { name: 'Certificate', exact: true }), [
    fileFrom(join(dir, 'bundle.p12'), 'application/x-pkcs12'),
  ])
  const passwordField = wizard.getByLabel('Certificate password')
  await expect(passwordField).toBeFocused()
  await screenshot(page, testInfo, 'certificate-p12-password')
  await typeSecret(ipc, passwordField, password)
  await review(wizard)
  await expect(
    wizard.getByRole('definition').getByText(cert.subject, { exact: true }).first(),
  ).toBeVisible()
  await expect(wizard.getByRole('definition').getByText('Included', { exact: true })).toBeVisible()
  await register(page, wizard, 'p12-bundle')
  await expectNoValueInDocument(page, ipc.values)
  expect(vault.cliJson<{ hasPrivateKey: boolean }>('show', 'p12-bundle').hasPrivateKey).toBe(true)
})

test('edit replaces a certificate with a renewed one dropped with its new key', async ({
  page,
  ipc,
}, testInfo) => {
  const old = remember(ipc, makeSelfSignedCertificate(dir, 'renew-old', { days: 20 }))
  const renewed = remember(ipc, makeSelfSignedCertificate(dir, 'renew-new', { days: 365 }))
  const made = vault.cli(
    'register',
    ...['--type', 'certificate', '--name', 'renew-me', '--scope', 'personal'],
    ...['--cert', old.certFile, '--key', old.keyFile],
  )
  expect(made.code).toBe(0)
  // Registered all the same, with a word about its near expiry.
  expect(made.stderr).toMatch(/expires on .+, in (19|20) days: plan its renewal\./)
  const before = vault.cliJson<{ fingerprint: string; expiresAt: string }>('show', 'renew-me')

  await openApp(page, vault.harness.url)
  await showScope(page, { scope: 'personal' })
  await row(page, 'renew-me').click()
  await page
    .getByRole('complementary', { name: 'renew-me' })
    .getByRole('button', { name: 'Edit' })
    .click()
  const dialog = page.getByRole('dialog', { name: 'Edit secret' })
  await expect(
    dialog.getByRole('region', { name: 'Current certificate' }).getByText(old.subject).first(),
  ).toBeVisible()

  // The new certificate alone does not fit the key the secret holds: main says so.
  await dropFiles(page, dialog.getByRole('button', { name: 'Certificate', exact: true }), [
    fileFrom(renewed.certFile),
  ])
  await expect(
    dialog
      .getByRole('region', { name: 'Read from the new certificate' })
      .getByText(renewed.subject)
      .first(),
  ).toBeVisible()
  await dialog.getByRole('button', { name: 'Save changes' }).click()
  await expect(
    dialog.getByText(
      'The current private key does not belong to the new certificate; add the new private key too.',
    ),
  ).toBeVisible()

  await dropFiles(page, dialog.getByRole('button', { name: 'Private key', exact: true }), [
    fileFrom(renewed.keyFile),
  ])
  await expect(dialog.getByText('renew-new.key')).toBeVisible()
  await screenshot(page, testInfo, 'edit-certificate-renewed')
  await dialog.getByRole('button', { name: 'Save changes' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByText('Saved changes to "renew-me".')).toBeVisible()

  const after = vault.cliJson<{ fingerprint: string; expiresAt: string }>('show', 'renew-me')
  expect(after.expiresAt).toBe(renewed.notAfter)
  expect(after.expiresAt).not.toBe(before.expiresAt)
  expect(after.fingerprint).not.toBe(before.fingerprint)
  await expectNoValueInDocument(page, ipc.values)
})
