import {
  chooseScope,
  showScope,
  next,
  openApp,
  openWizard,
  register,
  review,
  row,
  typeSecret,
} from './support/app-page'
import { expect, openVault, screenshot, test, type E2eVault } from './support/fixtures'

// A Member (DESIGN.md §1.2) sees organization secrets but may not register, edit or delete them:
// the wizard explains why the Organization choice is off, the drawer why Edit and Delete are, and
// main refuses the request even when the renderer is bypassed.

let vault: E2eVault
const REFUSAL =
  'Only an Account Holder or Account Manager can register organization secrets; you are a Member.'

test.beforeAll(async () => {
  vault = await openVault({
    workspaces: ['Payments'],
    // Registered while still Account Holder; then the profile steps down to Member.
    seed: (cli) =>
      cli(
        'register',
        '--type',
        'api-key',
        '--name',
        'org-payments-key',
        '--scope',
        'organization',
        '--field',
        'headerName=X-Api-Key',
        '--field',
        'value=org-value-registered-by-the-holder',
      ),
    role: 'member',
  })
})

test.afterAll(async () => {
  await vault?.stop()
})

test('a Member is refused organization scope in the wizard, with the reason', async ({
  page,
  ipc,
}, testInfo) => {
  await openApp(page, vault.harness.url)
  await expect(page.getByText('Member', { exact: true })).toBeVisible()
  const wizard = await openWizard(page)
  const scope = wizard.getByRole('radiogroup', { name: 'Scope' })
  const organization = scope.getByRole('radio', { name: 'Organization', exact: true })
  await expect(organization).toBeDisabled()
  await expect(organization).toHaveAccessibleDescription(new RegExp(REFUSAL.replace(/\./g, '\\.')))
  await expect(wizard.getByText(REFUSAL)).toBeVisible()
  await expect(scope.getByRole('radio', { name: 'Personal', exact: true })).toBeEnabled()
  await expect(scope.getByRole('radio', { name: 'Workspace', exact: true })).toBeEnabled()
  await screenshot(page, testInfo, 'wizard-scope-member')

  // Opened from the Organization tab, the wizard starts on a scope the Member may use, and the
  // disabled card cannot be chosen.
  await expect(scope.getByRole('radio', { name: 'Personal', exact: true })).toBeChecked()
  await organization.click({ force: true })
  await expect(organization).not.toBeChecked()
  await expect(scope.getByRole('radio', { name: 'Personal', exact: true })).toBeChecked()

  // A Member registers in a workspace all the same.
  await chooseScope(page, wizard, { scope: 'workspace', workspace: 'Payments' })
  await next(wizard, 'Type')
  await wizard.getByRole('radio', { name: 'Bearer Token' }).click()
  await next(wizard, 'Details')
  await wizard.getByLabel('Secret name').fill('member-token')
  await wizard.getByLabel('Header name').fill('Authorization')
  await typeSecret(ipc, wizard.getByLabel('Header value'), 'member-bearer-value-4b1f')
  await review(wizard)
  await register(page, wizard, 'member-token')
  await showScope(page, { scope: 'workspace', workspace: 'Payments' })
  await expect(row(page, 'member-token')).toBeVisible()
})

test('main refuses a Member organization secret even when the renderer is bypassed', async ({
  page,
  ipc,
}) => {
  await openApp(page, vault.harness.url)
  const value = ipc.watch('bypass-attempt-value-93ac')
  const result = await page.evaluate(
    (secretValue) =>
      (
        globalThis as unknown as {
          safehold: { secrets: { register(request: unknown): Promise<unknown> } }
        }
      ).safehold.secrets.register({
        type: 'api-key',
        name: 'sneaky-org-key',
        scope: { kind: 'organization' },
        availability: { kind: 'organization' },
        expiresAt: null,
        fields: { headerName: 'X-Api-Key', value: secretValue },
      }),
    value,
  )
  expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SCOPE' } })
  expect(vault.cliJson<{ name: string }[]>('list').map((s) => s.name)).not.toContain(
    'sneaky-org-key',
  )
})

test('a Member sees an organization secret but cannot edit or delete it', async ({
  page,
}, testInfo) => {
  await openApp(page, vault.harness.url)
  await row(page, 'org-payments-key').click()
  const drawer = page.getByRole('complementary', { name: 'org-payments-key' })
  await expect(drawer).toBeVisible()
  await expect(drawer.getByRole('button', { name: 'Edit' })).toBeDisabled()
  await expect(drawer.getByRole('button', { name: 'Delete secret' })).toBeDisabled()
  await expect(
    drawer.getByText(
      'Only an Account Holder or Account Manager can edit or delete organization secrets; you are a Member.',
    ),
  ).toBeVisible()
  await expect(drawer.getByRole('button', { name: 'Copy' })).toBeEnabled()
  await screenshot(page, testInfo, 'details-member-organization')
})
