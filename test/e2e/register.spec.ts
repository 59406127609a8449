import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  cellOf,
  expectNoValueInDocument,
  listing,
  openApp,
  register,
  review,
  row,
  showScope,
  startRegistration,
  type ScopeChoice,
} from './support/app-page'
import { expect, openVault, screenshot, test, type E2eVault } from './support/fixtures'
import { TYPES } from './support/secret-types'

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
      const expected = await type.fill(page, wizard, ipc, name, certDir)
      if (scope.id === 'workspace') await screenshot(page, testInfo, `wizard-details-${typeId}`)
      await review(wizard)
      await expect(wizard.getByRole('definition').getByText(name, { exact: true })).toBeVisible()
      if (scope.id === 'personal') await screenshot(page, testInfo, `wizard-review-${typeId}`)
      await register(page, wizard, name)

      // The listing, at the scope it went to, shows it with its type and availability.
      await showScope(page, scope.choice)
      const listed = row(page, name)
      await expect(listed).toBeVisible()
      await expect(await cellOf(page, name, 'Credential type')).toHaveText(type.label)
      // Availability is a column of Organization only: elsewhere there is none to show.
      if (scope.choice.scope === 'organization') {
        await expect(await cellOf(page, name, 'Availability')).toHaveText(scope.availability)
      } else {
        await expect(listing(page).getByRole('columnheader', { name: 'Availability' })).toHaveCount(
          0,
        )
      }
      await expect(await cellOf(page, name, 'Status')).toHaveText('Active')
      if (type.expiration) {
        const expiry = await cellOf(page, name, 'Expiration date')
        const shown = await expiry.locator('time').getAttribute('datetime')
        expect(shown?.slice(0, 10)).toBe(type.expiration)
      }
      await expectNoValueInDocument(page, ipc.values)

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
