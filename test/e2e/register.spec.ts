import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { makeSelfSignedCertificate, pemBodyLines } from '../support/certs'
import {
  chooseTab,
  dropFiles,
  expectNoValueInDocument,
  fileFrom,
  openApp,
  register,
  review,
  row,
  startRegistration,
  typeSecret,
  type ScopeChoice,
} from './support/app-page'
import {
  expect,
  openVault,
  screenshot,
  test,
  type E2eVault,
  type IpcRecorder,
} from './support/fixtures'

// Each of the five credential types registered through the wizard at each of the three scopes,
// as a person does it; then the listing shows it, the DOM holds none of its values, and the
// `safehold` command hands back exactly what was typed.

let vault: E2eVault
let certDir: string

test.beforeAll(async () => {
  vault = await openVault({ workspaces: ['Payments', 'Platform'] })
  certDir = mkdtempSync(join(tmpdir(), 'safehold-e2e-certs-'))
})

test.afterAll(async () => {
  await vault?.stop()
  rmSync(certDir, { recursive: true, force: true })
})

const secretValue = (label: string): string => `${label}-${randomBytes(12).toString('base64url')}`

function inFuture(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
}

interface TypeCase {
  label: string
  /** Fills the Details step; returns what `safehold get` must print. */
  fill(page: Page, wizard: Locator, ipc: IpcRecorder, name: string): Promise<string[]>
  expiration?: string
}

const TYPES: Record<string, TypeCase> = {
  'api-key': {
    label: 'API Key',
    expiration: inFuture(400),
    async fill(_page, wizard, ipc) {
      await wizard.getByLabel('Header name').fill('X-Api-Key')
      const value = secretValue('api')
      await typeSecret(ipc, wizard.getByLabel('Value', { exact: true }), value)
      await wizard.getByLabel('Expiration date').fill(TYPES['api-key']!.expiration!)
      return [value]
    },
  },
  'bearer-token': {
    label: 'Bearer Token',
    async fill(_page, wizard, ipc) {
      await wizard.getByLabel('Header name').fill('Authorization')
      const value = secretValue('bearer')
      await typeSecret(ipc, wizard.getByLabel('Header value'), value)
      return [value]
    },
  },
  'client-credentials': {
    label: 'Client Credentials',
    async fill(_page, wizard, ipc) {
      await wizard.getByLabel('Client ID').fill('billing-service')
      await wizard.getByLabel('URL').fill('https://auth.example.com/oauth/token')
      const value = secretValue('client')
      await typeSecret(ipc, wizard.getByLabel('Client secret'), value)
      return [value]
    },
  },
  certificate: {
    label: 'Certificate',
    async fill(page, wizard, ipc, name) {
      const cert = makeSelfSignedCertificate(certDir, name, { algorithm: 'ec-p256' })
      for (const line of pemBodyLines(cert.keyPem)) ipc.typed(line)
      for (const line of pemBodyLines(cert.certPem)) ipc.typed(line)
      await dropFiles(page, wizard.getByRole('button', { name: 'Certificate', exact: true }), [
        fileFrom(cert.certFile, 'application/x-pem-file'),
      ])
      await expect(wizard.getByText(cert.subject).first()).toBeVisible()
      await dropFiles(page, wizard.getByRole('button', { name: 'Private key', exact: true }), [
        fileFrom(cert.keyFile),
      ])
      await expect(wizard.getByText(`${name}.key`)).toBeVisible()
      await expect(wizard.getByLabel('Expiration date')).toHaveValue(cert.notAfter.slice(0, 10))
      return pemBodyLines(cert.certPem)
    },
  },
  'key-value': {
    label: 'Key/Value',
    async fill(_page, wizard, ipc) {
      const first = secretValue('kv1')
      const second = secretValue('kv2')
      await wizard.getByLabel('Key 1').fill('DATABASE_URL')
      await typeSecret(ipc, wizard.getByLabel('Value 1'), first)
      await wizard.getByRole('button', { name: 'Add key' }).click()
      await wizard.getByLabel('Key 2').fill('API_TOKEN')
      await typeSecret(ipc, wizard.getByLabel('Value 2'), second)
      return [`DATABASE_URL=${first}`, `API_TOKEN=${second}`]
    },
  },
}

const SCOPES: { id: string; choice: ScopeChoice; cliScope: string; availability: string }[] = [
  {
    id: 'organization',
    choice: { scope: 'organization', availability: 'Entire organization' },
    cliScope: 'organization',
    availability: 'Entire organization',
  },
  {
    id: 'organization-spot',
    choice: { scope: 'organization', availability: 'GlitchGuardians' },
    cliScope: 'organization',
    availability: 'Spot: GlitchGuardians',
  },
  {
    id: 'workspace',
    choice: { scope: 'workspace', workspace: 'Platform' },
    cliScope: 'workspace:Platform',
    availability: '—',
  },
  { id: 'personal', choice: { scope: 'personal' }, cliScope: 'personal', availability: '—' },
]

for (const [typeId, type] of Object.entries(TYPES)) {
  // Organization scope is covered for every type; half of them go to one Spot instead.
  const spot = typeId === 'bearer-token' || typeId === 'certificate'
  const scopes = SCOPES.filter((s) => s.id !== (spot ? 'organization' : 'organization-spot'))
  for (const scope of scopes) {
    test(`registers a ${type.label} at ${scope.id} scope through the wizard`, async ({
      page,
      ipc,
    }, testInfo) => {
      const name = `${typeId}.${scope.id}`
      await openApp(page, vault.harness.url)
      const wizard = await startRegistration(page, scope.choice, type.label)
      await wizard.getByLabel('Secret name').fill(name)
      const expected = await type.fill(page, wizard, ipc, name)
      if (scope.id === 'workspace') await screenshot(page, testInfo, `wizard-details-${typeId}`)
      await review(wizard)
      await expect(wizard.getByRole('definition').getByText(name, { exact: true })).toBeVisible()
      if (scope.id === 'personal') await screenshot(page, testInfo, `wizard-review-${typeId}`)
      await register(page, wizard, name)

      // The listing, at the scope it went to, shows it with its type and availability.
      await chooseTab(page, scope.choice)
      const listed = row(page, name)
      await expect(listed).toBeVisible()
      await expect(listed.getByRole('cell').nth(1)).toHaveText(type.label)
      await expect(listed.getByRole('cell').nth(2)).toHaveText(scope.availability)
      await expect(listed.getByRole('cell').nth(5)).toHaveText('Active')
      if (type.expiration) {
        const shown = await listed.getByRole('cell').nth(4).locator('time').getAttribute('datetime')
        expect(shown?.slice(0, 10)).toBe(type.expiration)
      }
      await expectNoValueInDocument(page, ipc)

      // What was typed is what was stored.
      const consumer = spot ? 'spot:GlitchGuardians' : 'e2e-check'
      const got = vault.cli('get', name, '--scope', scope.cliScope, '--as', consumer)
      expect(got.stderr).toBe('')
      for (const line of expected) expect(got.stdout).toContain(line)
      const shown = vault.cliJson<{ scope: string; availability: string | null }>(
        'show',
        name,
        '--scope',
        scope.cliScope,
      )
      expect(shown.scope).toBe(scope.cliScope)
      if (scope.id === 'organization-spot') expect(shown.availability).toBe('spot:GlitchGuardians')
    })
  }
}
