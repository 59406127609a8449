import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  CLI,
  initVault,
  requireBuild,
  SHELL_PASSPHRASE,
  shellApps,
  type Fact,
  type ShellApp,
} from './support/shell-app'

// The vault session in the app (DESIGN §4, §6.4): no vault is made silently, a passphrase vault
// waits on the unlock screen, and Lock now (tray, menu), the OS's screen lock and sleep lock it,
// clearing a copied value; "Open a vault folder…" asks the OS dialog and is remembered.

const { launch, stopAll } = shellApps()

beforeAll(requireBuild)
afterEach(stopAll)

const VALUE = 'shell-session-value-5c7e'

const lastTrayMenu = (facts: Fact[]) =>
  facts.filter((fact) => fact.kind === 'tray' && fact.name === 'menu').at(-1)?.['labels']

async function state(app: ShellApp): Promise<Record<string, unknown>> {
  const answer = (await app.invoke('vault:state', {})) as { ok: boolean; value: never }
  expect(answer.ok).toBe(true)
  return answer.value
}

async function phase(app: ShellApp, expected: string): Promise<void> {
  const deadline = Date.now() + 5000
  while ((await state(app))['phase'] !== expected) {
    if (Date.now() > deadline) throw new Error(`no ${expected} phase:\n${app.report()}`)
    await new Promise((done) => setTimeout(done, 50))
  }
}

async function registerAndCopy(app: ShellApp): Promise<void> {
  const registered = (await app.invoke('secrets:register', {
    type: 'api-key',
    name: 'shell-session',
    scope: { kind: 'personal' },
    fields: { headerName: 'X-Api-Key', value: VALUE },
  })) as { ok: boolean; value: { secret: { id: string } } }
  expect(registered.ok).toBe(true)
  expect(await app.invoke('secrets:copy', { id: registered.value.secret.id })).toMatchObject({
    ok: true,
  })
}

function clipboardWrites(app: ShellApp): unknown[] {
  return app
    .facts()
    .filter((fact) => fact.kind === 'clipboard')
    .map((fact) => fact['text'])
}

describe('starting', () => {
  it('without a vault shows the welcome phase and makes nothing', async () => {
    const app = launch({}, undefined, [], 'none')
    await app.started()
    expect(await state(app)).toMatchObject({ phase: 'no-vault', vaultDir: app.vaultDir })
    expect(await app.invoke('app:state', {})).toMatchObject({
      ok: false,
      error: { code: 'NO_VAULT' },
    })
    expect(existsSync(join(app.vaultDir, 'vault.json'))).toBe(false)
    expect(lastTrayMenu(app.facts())).toContain('Lock now')
    app.send('tray-menu', { label: 'Lock now' })
    await app.waitFor('the greyed item', (facts) => facts.some((f) => f.kind === 'greyed'))
  })

  it('with a passphrase vault and no SAFEHOLD_PASSPHRASE waits on the unlock screen', async () => {
    const app = launch({ SAFEHOLD_PASSPHRASE: '' })
    await app.started()
    expect(await state(app)).toMatchObject({
      phase: 'locked',
      unlockWith: 'passphrase',
      protection: 'Passphrase',
    })
    expect(await app.invoke('secrets:list', {})).toMatchObject({
      ok: false,
      error: { code: 'VAULT_LOCKED', message: 'Safehold is locked; unlock it to continue.' },
    })
    expect(await app.invoke('vault:unlock', { passphrase: 'not the passphrase' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSPHRASE', field: 'passphrase' },
    })
    expect(await app.invoke('vault:unlock', { passphrase: SHELL_PASSPHRASE })).toMatchObject({
      ok: true,
      value: { phase: 'open' },
    })
    expect(await app.invoke('secrets:list', {})).toMatchObject({ ok: true, value: [] })
  })
})

describe('locking', () => {
  it("the tray's Lock now locks and clears a copied value", async () => {
    const app = launch()
    await app.started()
    await registerAndCopy(app)
    expect(clipboardWrites(app)).toEqual([VALUE])
    app.send('tray-menu', { label: 'Lock now' })
    await phase(app, 'locked')
    expect(await state(app)).toMatchObject({ lockedBy: 'user', unlockWith: 'passphrase' })
    expect(clipboardWrites(app)).toEqual([VALUE, ''])
    expect(await app.invoke('secrets:list', {})).toMatchObject({
      ok: false,
      error: { code: 'VAULT_LOCKED' },
    })
    // Locked: the tray and the menu grey their Lock now.
    app.send('tray-menu', { label: 'Lock now' })
    await app.waitFor('the greyed item', (facts) => facts.some((f) => f.kind === 'greyed'))
  })

  it("the menu's Lock now (Ctrl/Cmd+L) locks", async () => {
    const app = launch()
    await app.started()
    app.send('app-menu', { label: 'Lock now' })
    await phase(app, 'locked')
    const menu = app.facts().find((fact) => fact.kind === 'menu')
    expect(menu).toMatchObject({ label: 'Lock now', accelerator: 'CmdOrCtrl+L' })
    expect(await state(app)).toMatchObject({ lockedBy: 'user' })
  })

  it.each(['lock-screen', 'suspend'])('the OS event %s locks, for the system', async (event) => {
    const app = launch()
    await app.started()
    await registerAndCopy(app)
    app.send('power', { event })
    await phase(app, 'locked')
    expect(await state(app)).toMatchObject({ lockedBy: 'system' })
    expect(clipboardWrites(app).at(-1)).toBe('')
    // Waking does not unlock.
    app.send('power', { event: 'resume' })
    app.send('power', { event: 'unlock-screen' })
    await new Promise((done) => setTimeout(done, 200))
    expect(await state(app)).toMatchObject({ phase: 'locked' })
  })

  it('unlocking opens the same vault again, with what it held', async () => {
    const app = launch()
    await app.started()
    await registerAndCopy(app)
    await app.invoke('vault:lock', {})
    await app.invoke('vault:unlock', { passphrase: SHELL_PASSPHRASE })
    const list = (await app.invoke('secrets:list', {})) as { value: { name: string }[] }
    expect(list.value.map((secret) => secret.name)).toEqual(['shell-session'])
    expect(JSON.stringify(app.facts().filter((f) => f.kind === 'invoke-result'))).not.toContain(
      VALUE,
    )
  })
})

describe('Open a vault folder…', () => {
  it('asks the OS dialog for a folder, opens its vault, and the app and the CLI remember it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'safehold-shell-'))
    const elsewhere = join(home, 'elsewhere')
    initVault(elsewhere)
    // No SAFEHOLD_VAULT_DIR: the app's default folder, then the remembered one.
    const env = { SAFEHOLD_VAULT_DIR: '', SAFEHOLD_STUB_PICK: elsewhere }
    const app = launch(env, home, [], 'none')
    await app.started()
    expect(await state(app)).toMatchObject({ phase: 'no-vault' })
    const opened = (await app.invoke('vault:open-folder', {})) as { ok: boolean; value: never }
    expect(opened).toMatchObject({
      ok: true,
      value: { cancelled: false, state: { phase: 'locked', vaultDir: elsewhere } },
    })
    const dialog = app.facts().find((fact) => fact.kind === 'dialog')
    expect(dialog).toMatchObject({ name: 'open', sheet: true })
    expect(dialog?.['properties']).toContain('openDirectory')
    await app.invoke('vault:unlock', { passphrase: SHELL_PASSPHRASE })
    await phase(app, 'open')
    const pointer = join(home, 'config', 'Safehold', 'vault-folder.json')
    expect(JSON.parse(readFileSync(pointer, 'utf8'))).toEqual({ vaultDir: elsewhere })
    await app.stop()

    const again = launch({ SAFEHOLD_VAULT_DIR: '', SAFEHOLD_PASSPHRASE: '' }, home, [], 'none')
    await again.started()
    expect(await state(again)).toMatchObject({ phase: 'locked', vaultDir: elsewhere })
    const cli = spawnSync(process.execPath, [CLI, 'profile', '--json'], {
      env: {
        ...process.env,
        HOME: home,
        XDG_CONFIG_HOME: join(home, 'config'),
        SAFEHOLD_VAULT_DIR: '',
        SAFEHOLD_PASSPHRASE: SHELL_PASSPHRASE,
      },
      encoding: 'utf8',
    })
    expect(cli.status, cli.stderr).toBe(0)
    expect(readdirSync(join(home, 'config', 'Safehold'))).toContain('vault-folder.json')
  })

  it('cancelled in the dialog changes nothing', async () => {
    const app = launch({}, undefined, [], 'none')
    await app.started()
    expect(await app.invoke('vault:open-folder', {})).toMatchObject({
      ok: true,
      value: { cancelled: true, state: { phase: 'no-vault' } },
    })
  })
})
