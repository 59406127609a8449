import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { makeSelfSignedCertificate, openssl, pemBodyLines } from '../support/certs'
import {
  choose,
  dropFiles,
  fileFrom,
  next,
  openApp,
  openWizard,
  row,
  startRegistration,
} from './support/app-page'
import { expect, openVault, screenshot, test, type E2eVault } from './support/fixtures'

// What a careful user notices in the details and the dialogs: certificate facts that cannot be
// confused with Safehold's own fingerprint, one way of writing times, forms that do not throw
// typed data away unasked, and errors that say "required" and stand beside their field.

let vault: E2eVault
let dir: string
/** The chain certificate's serial and SHA-256, as openssl prints them. */
let leaf: { serial: string; sha256: string }

/** Root CA → leaf, registered as leaf + root with the leaf's key. */
function makeChain(): string {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes']
  openssl(
    dir,
    'req',
    '-x509',
    ...ec,
    '-days',
    '365',
    '-keyout',
    'root.key',
    '-out',
    'root.pem',
    '-subj',
    '/O=Example/CN=Example Root CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  )
  openssl(
    dir,
    'req',
    ...ec,
    '-keyout',
    'leaf.key',
    '-out',
    'leaf.csr',
    '-subj',
    '/O=Example/CN=chain-leaf.example.com',
  )
  openssl(
    dir,
    'x509',
    '-req',
    '-in',
    'leaf.csr',
    '-CA',
    'root.pem',
    '-CAkey',
    'root.key',
    '-CAcreateserial',
    '-days',
    '200',
    '-out',
    'leaf.pem',
  )
  const chain = join(dir, 'chain.pem')
  writeFileSync(
    chain,
    readFileSync(join(dir, 'leaf.pem'), 'utf8') + readFileSync(join(dir, 'root.pem'), 'utf8'),
  )
  const serial = openssl(dir, 'x509', '-in', 'leaf.pem', '-noout', '-serial').trim().split('=')[1]!
  const sha256 = openssl(dir, 'x509', '-in', 'leaf.pem', '-noout', '-fingerprint', '-sha256')
    .trim()
    .split('=')[1]!
  leaf = { serial, sha256 }
  return chain
}

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'safehold-e2e-details-'))
  const chain = makeChain()
  vault = await openVault({
    workspaces: ['Payments'],
    seed(cli) {
      cli(
        'register',
        '--type',
        'certificate',
        '--name',
        'mtls-chain',
        '--scope',
        'organization',
        '--cert',
        chain,
        '--key',
        join(dir, 'leaf.key'),
      )
      cli(
        'register',
        '--type',
        'api-key',
        '--name',
        'stripe-live',
        '--scope',
        'organization',
        '--field',
        'headerName=X-Api-Key',
        '--field',
        'value=sk-live-details-spec',
      )
    },
  })
})

test.afterAll(async () => {
  await vault?.stop()
  rmSync(dir, { recursive: true, force: true })
})

async function openDetails(page: Page, name: string) {
  await row(page, name).click()
  const drawer = page.getByRole('complementary', { name })
  await expect(drawer.getByRole('heading', { name: 'Details' })).toBeVisible()
  return drawer
}

/** The page's clipboard text (this project's Node typings have no DOM, hence the cast). */
function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() =>
    (
      globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
    ).navigator.clipboard.readText(),
  )
}

const ZONE = /\b(UTC|GMT[+-]?\d*|[A-Z]{3,4})$/

test('certificate details: its own SHA-256 apart from the value fingerprint, the chain, the CN first, local times with their zone, copy buttons', async ({
  page,
  context,
}, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await openApp(page, vault.harness.url)
  const drawer = await openDetails(page, 'mtls-chain')
  const fact = (term: string) =>
    drawer
      .locator('.fact')
      .filter({ has: page.locator('dt', { hasText: new RegExp(`^${term}$`) }) })
      .locator('dd')

  await expect(fact('Subject')).toHaveText('CN=chain-leaf.example.com, O=Example')
  await expect(fact('Certificate SHA-256')).toContainText(leaf.sha256)
  await expect(fact('Value fingerprint')).toContainText(/^[0-9a-f]{8}/)
  await expect(fact('Value fingerprint')).toContainText("Safehold's check of the stored value")
  // One label each: nothing is called just "Fingerprint" any more.
  await expect(drawer.locator('dt', { hasText: /^Fingerprint$/ })).toHaveCount(0)
  await expect(drawer.locator('dt', { hasText: /^SHA-256 fingerprint$/ })).toHaveCount(0)
  await expect(
    fact('Chain').getByRole('list', { name: 'Chain' }).getByRole('listitem'),
  ).toHaveCount(1)
  await expect(fact('Chain')).toContainText('2 certificates')
  for (const term of ['Valid from', 'Valid until', 'Creation date', 'Last change']) {
    const text = (await fact(term).locator('time').first().textContent()) ?? ''
    expect(text, term).toMatch(ZONE)
  }
  await expect(drawer).toContainText('No reveal: values are write-only')

  await fact('Chain').scrollIntoViewIfNeeded()
  await screenshot(page, testInfo, 'light-certificate-details')
  await page.emulateMedia({ colorScheme: 'dark' })
  await screenshot(page, testInfo, 'dark-certificate-details')
  await page.emulateMedia({ colorScheme: 'light' })

  await drawer.getByRole('button', { name: 'Copy the serial number' }).click()
  await expect(page.getByText('Copied the serial number.')).toBeVisible()
  // The same number, however many leading zero digits each side writes (openssl pads to bytes).
  const copiedSerial = await readClipboard(page)
  expect(copiedSerial).toMatch(/^[0-9A-F]+$/)
  expect(copiedSerial.replace(/^0+/, '')).toBe(leaf.serial.replace(/^0+/, ''))
  await drawer.getByRole('button', { name: 'Copy the certificate SHA-256' }).click()
  await expect(page.getByText('Copied the certificate SHA-256.')).toBeVisible()
  expect(await readClipboard(page)).toBe(leaf.sha256)
})

test('a certificate that expires within 30 days registers with a warning saying when', async ({
  page,
  ipc,
}, testInfo) => {
  const cert = makeSelfSignedCertificate(dir, 'soon-expiring', { days: 20 })
  for (const line of [...pemBodyLines(cert.certPem), ...pemBodyLines(cert.keyPem)]) ipc.watch(line)
  await openApp(page, vault.harness.url)
  const wizard = await startRegistration(page, { scope: 'personal' }, 'Certificate')
  await dropFiles(page, wizard.getByRole('button', { name: 'Certificate', exact: true }), [
    fileFrom(cert.certFile),
  ])
  await expect(
    wizard.getByText(/^The certificate expires on .+, in (19|20) days: plan its renewal\.$/),
  ).toBeVisible()
  await screenshot(page, testInfo, 'wizard-certificate-expiring-soon')
})

test('closing a form that holds typed data asks first; an untouched one closes at once', async ({
  page,
  ipc,
}, testInfo) => {
  await openApp(page, vault.harness.url)
  // Untouched: Escape closes.
  let wizard = await openWizard(page)
  await page.keyboard.press('Escape')
  await expect(wizard).toBeHidden()

  wizard = await startRegistration(page, { scope: 'personal' }, 'API Key')
  await wizard.getByRole('textbox', { name: 'Secret name' }).fill('half-typed')
  await wizard.getByLabel('Value', { exact: true }).fill(ipc.watch('typed-but-not-saved'))
  for (const close of ['Escape', 'Close', 'Cancel'] as const) {
    if (close === 'Escape') await page.keyboard.press('Escape')
    else await wizard.getByRole('button', { name: close, exact: true }).click()
    const question = page.getByRole('alertdialog', { name: 'Discard what you typed?' })
    await expect(question).toBeVisible()
    if (close === 'Escape') await screenshot(page, testInfo, 'discard-question')
    // Keep editing is the safe default: focused first, and Escape's answer too.
    await expect(question.getByRole('button', { name: 'Keep editing' })).toBeFocused()
    await page.keyboard.press('Escape')
    await expect(question).toBeHidden()
    await expect(wizard).toBeVisible()
    await expect(wizard.getByRole('textbox', { name: 'Secret name' })).toHaveValue('half-typed')
  }
  await wizard.getByRole('button', { name: 'Cancel', exact: true }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Discard' }).click()
  await expect(wizard).toBeHidden()
  expect(vault.cliJson<{ name: string }[]>('list').map((s) => s.name)).not.toContain('half-typed')

  // The edit dialog: unchanged closes at once, a change asks.
  const drawer = await openDetails(page, 'stripe-live')
  await drawer.getByRole('button', { name: 'Edit' }).click()
  const edit = page.getByRole('dialog', { name: 'Edit secret' })
  await page.keyboard.press('Escape')
  await expect(edit).toBeHidden()
  await drawer.getByRole('button', { name: 'Edit' }).click()
  await edit.getByRole('textbox', { name: 'Header name' }).fill('X-Other')
  await page.keyboard.press('Escape')
  await expect(page.getByRole('alertdialog', { name: 'Discard what you typed?' })).toBeVisible()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Discard' }).click()
  await expect(edit).toBeHidden()
})

test('an empty required field says "required", and the Bearer Token header suggests Authorization', async ({
  page,
}) => {
  await openApp(page, vault.harness.url)
  const wizard = await startRegistration(page, { scope: 'personal' }, 'API Key')
  await wizard.getByRole('button', { name: 'Next' }).click()
  const name = wizard.getByRole('textbox', { name: 'Secret name' })
  await expect(name).toHaveAccessibleDescription(/Secret name is required\./)
  await expect(wizard.getByRole('textbox', { name: 'Header name' })).toHaveAccessibleDescription(
    /Header name is required\./,
  )
  await expect(wizard.getByRole('textbox', { name: 'Header name' })).toHaveAttribute(
    'placeholder',
    'X-API-Key',
  )
  await wizard.getByRole('button', { name: 'Back' }).click()
  await choose(wizard.getByRole('radiogroup', { name: 'Credential type' }), 'Bearer Token')
  await next(wizard, 'Details')
  await expect(wizard.getByRole('textbox', { name: 'Header name' })).toHaveAttribute(
    'placeholder',
    'Authorization',
  )
  await wizard.getByRole('button', { name: 'Cancel', exact: true }).click()
  await expect(wizard).toBeHidden()

  // A workspace that exists already: the error stands beside the name field.
  await page.getByRole('button', { name: 'Add workspace' }).click()
  const add = page.getByRole('dialog', { name: 'Add workspace' })
  const field = add.getByRole('textbox', { name: 'Workspace name' })
  await field.fill('payments')
  await add.getByRole('button', { name: 'Add workspace' }).click()
  await expect(field).toHaveAccessibleDescription(/already exists/)
  await expect(add.getByRole('alert').filter({ hasText: 'already exists' })).toHaveCount(0)
})

test('a .env refused after a good one says what would still be registered', async ({
  page,
  ipc,
}, testInfo) => {
  const good = join(dir, 'good.env')
  writeFileSync(
    good,
    `API_KEY=${ipc.watch('good-env-value-1')}\nREGION=${ipc.watch('eu-west-1-x')}\n`,
  )
  const bad = join(dir, 'bad.env')
  writeFileSync(bad, 'not a dotenv line at all\n')
  await openApp(page, vault.harness.url)
  const wizard = await startRegistration(page, { scope: 'personal' }, 'Key/Value')
  await choose(wizard.getByRole('radiogroup', { name: 'Registration method' }), 'File')
  const zone = wizard.getByRole('button', { name: 'Key/Value file', exact: true })
  await dropFiles(page, zone, [fileFrom(bad)])
  await expect(
    wizard.getByText(/Nothing was read from it: no keys would be registered\./),
  ).toBeVisible()
  await dropFiles(page, zone, [fileFrom(good)])
  await expect(wizard.getByRole('textbox', { name: 'Key 2' })).toHaveValue('REGION')
  await dropFiles(page, zone, [fileFrom(bad)])
  await expect(
    wizard.getByText(
      'Nothing was read from it: the 2 keys from "good.env" below are still what would be registered.',
      { exact: false },
    ),
  ).toBeVisible()
  await expect(wizard.getByRole('textbox', { name: 'Key 1' })).toHaveValue('API_KEY')
  await screenshot(page, testInfo, 'wizard-env-refused-after-good')
})

test('the delete dialog confirms with "Delete secret" whichever way it deletes', async ({
  page,
}) => {
  await openApp(page, vault.harness.url)
  const drawer = await openDetails(page, 'stripe-live')
  await drawer.getByRole('button', { name: 'Delete secret' }).click()
  const dialog = page.getByRole('dialog', { name: 'Delete secret' })
  for (const choice of ['Delete now', 'Schedule deletion']) {
    await dialog.getByRole('radio', { name: choice }).click()
    await expect(dialog.getByRole('button', { name: 'Delete secret', exact: true })).toBeVisible()
    await expect(dialog.getByRole('button', { name: choice })).toHaveCount(0)
  }
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click()
  await expect(dialog).toBeHidden()
})
