import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { requireBuild, shellApps, type Fact, type ShellApp } from './support/shell-app'

// Closing the window leaves Safehold running in the tray, so reminders still fire; the tray's
// Quit ends it at once (a copied value cleared first); a login start shows no window at all.

const { launch, stopAll } = shellApps()

beforeAll(requireBuild)
afterEach(stopAll)

const PROMPTLY_MS = 4000

const trayFacts = (facts: Fact[], name: string): Fact[] =>
  facts.filter((fact) => fact.kind === 'tray' && fact.name === name)
const windowFacts = (facts: Fact[], name: string): Fact[] =>
  facts.filter((fact) => fact.kind === 'window' && fact.name === name)

async function trayReady(app: ShellApp): Promise<void> {
  await app.waitFor('the tray menu', (facts) => trayFacts(facts, 'menu').length > 0)
}

async function closeTheWindow(app: ShellApp): Promise<void> {
  app.send('close-windows')
  await app.waitFor('the window closed', (facts) =>
    facts.some((fact) => fact.kind === 'emit' && fact.name === 'window-all-closed'),
  )
}

const SECRET_VALUE = 'shell-tray-value-93b1'

async function register(app: ShellApp, name: string, expiresAt?: string): Promise<string> {
  const registered = await app.invoke('secrets:register', {
    type: 'api-key',
    name,
    scope: { kind: 'personal' },
    ...(expiresAt === undefined ? {} : { expiresAt }),
    fields: { headerName: 'X-Api-Key', value: SECRET_VALUE },
  })
  expect(registered, JSON.stringify(registered)).toMatchObject({ ok: true })
  return (registered as { value: { secret: { id: string } } }).value.secret.id
}

describe('the tray', () => {
  it('is there once the app is up, titled Safehold, with an icon that exists', async () => {
    const app = launch()
    await trayReady(app)
    const facts = app.facts()
    expect(trayFacts(facts, 'created')).toHaveLength(1)
    expect(trayFacts(facts, 'created')[0]?.['iconExists'], 'the built app finds its icon').toBe(
      true,
    )
    expect(trayFacts(facts, 'tooltip')[0]?.['text']).toBe('Safehold')
    expect(trayFacts(facts, 'menu').at(-1)?.['labels']).toEqual([
      'Open Safehold',
      'Upcoming',
      'Lock now',
      'separator',
      'Quit',
    ])
    expect(facts.filter((fact) => fact.kind === 'misuse')).toEqual([])
  })

  it.each(['linux', 'win32', 'darwin'])(
    'keeps Safehold running when its window is closed (%s), and Open Safehold brings one back',
    async (platform) => {
      const app = launch({ SAFEHOLD_STUB_PLATFORM: platform })
      await app.started()
      await trayReady(app)
      await closeTheWindow(app)
      expect(await app.exitWithin(500), app.report()).toBeNull()
      expect(trayFacts(app.facts(), 'destroyed')).toEqual([])
      // Still serving: the services answer with the window gone.
      expect(await app.invoke('app:state', {})).toMatchObject({ ok: true })
      app.send('tray-menu', { label: 'Open Safehold' })
      await app.waitFor('a new window shown', (facts) =>
        windowFacts(facts, 'show').some((fact) => fact['id'] === 2),
      )
    },
  )

  it('Quit ends the process at once, the copied value cleared first, even with no window', async () => {
    const app = launch()
    await app.started()
    await trayReady(app)
    const id = await register(app, 'shell-tray-copy')
    expect(await app.invoke('secrets:copy', { id })).toMatchObject({ ok: true })
    await closeTheWindow(app)
    app.send('tray-menu', { label: 'Quit' })
    const exit = await app.exitWithin(PROMPTLY_MS)
    expect(exit, `still running after Quit:\n${app.report()}`).toEqual({ code: 0, signal: null })
    const facts = app.facts()
    const writes = facts.filter((fact) => fact.kind === 'clipboard')
    expect(writes.at(-1)?.['text'], 'the copied value is still on the clipboard').toBe('')
    expect(trayFacts(facts, 'destroyed')).toHaveLength(1)
  })

  it('Upcoming brings the open window forward, or opens one when it was closed', async () => {
    const app = launch()
    await app.started()
    await trayReady(app)
    app.send('tray-menu', { label: 'Upcoming' })
    await app.waitFor('the window focused', (facts) =>
      windowFacts(facts, 'focus').some((fact) => fact['id'] === 1),
    )
    await closeTheWindow(app)
    app.send('tray-menu', { label: 'Upcoming' })
    await app.waitFor('a new window shown', (facts) =>
      windowFacts(facts, 'show').some((fact) => fact['id'] === 2),
    )
  })
})

describe('a login start (--hidden)', () => {
  it('opens no window, only the tray, and Open Safehold shows one', async () => {
    const app = launch({}, undefined, ['--hidden'])
    await trayReady(app)
    expect(await app.exitWithin(500), app.report()).toBeNull()
    expect(windowFacts(app.facts(), 'created')).toEqual([])
    app.send('tray-menu', { label: 'Open Safehold' })
    await app.waitFor('the window shown', (facts) => windowFacts(facts, 'show').length > 0)
  })

  it('a second launch while hidden shows the window', async () => {
    const app = launch({}, undefined, ['--hidden'])
    await trayReady(app)
    app.send('second-instance')
    await app.waitFor('the window shown', (facts) => windowFacts(facts, 'show').length > 0)
  })
})

// The reminder engine is what keeps running behind the tray: a reminder that falls due after the
// window was closed must still reach the desktop.

describe('reminders with the window closed', () => {
  it('a secret that expires after the window closed is still announced, without its value', async () => {
    const app = launch()
    await app.started()
    await trayReady(app)
    await register(app, 'shell-expiring', new Date(Date.now() + 5000).toISOString())
    await closeTheWindow(app)
    const closedAt = app.facts().length
    // At least every 60 s the engine looks again (DESIGN §2); a poke on resume makes it sooner.
    app.send('power', { event: 'resume' })
    const facts = await app.waitFor(
      'an expiry notification',
      (all) =>
        all
          .slice(closedAt)
          .some((fact) => fact.kind === 'notification' && /expired/i.test(String(fact['title']))),
      75_000,
    )
    const shown = facts.filter((fact) => fact.kind === 'notification')
    expect(JSON.stringify(shown)).toContain('shell-expiring')
    expect(JSON.stringify(shown)).not.toContain(SECRET_VALUE)
    expect(shown.every((fact) => (fact['actions'] as unknown[]).length === 0)).toBe(true)
    // A click leads to the window on that secret.
    app.send('click-notification', { index: shown.at(-1)?.['index'] })
    await app.waitFor('the window shown', (all) =>
      windowFacts(all, 'show').some((fact) => fact['id'] === 2),
    )
  }, 90_000)
})
