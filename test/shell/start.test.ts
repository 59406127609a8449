import { readFileSync } from 'node:fs'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { MAIN, requireBuild, shellApps, type Fact } from './support/shell-app'

// Starting: Electron's order is kept, the window shows wherever it runs, a second launch leads
// to a window, a vault that cannot open is told in a dialog, and only `npm run dev` trusts a
// development server.

const { launch, stopAll } = shellApps()

beforeAll(requireBuild)
afterEach(stopAll)

const windowFacts = (facts: Fact[], name: string): Fact[] =>
  facts.filter((fact) => fact.kind === 'window' && fact.name === name)
const shown = (facts: Fact[]): number[] =>
  windowFacts(facts, 'show').map((fact) => Number(fact['id']))
const created = (facts: Fact[]): number[] =>
  windowFacts(facts, 'created').map((fact) => Number(fact['id']))

describe('starting', () => {
  it('keeps Electron order: lock, sandbox and scheme before ready; the window after', async () => {
    const app = launch()
    await app.waitFor('the window shown', (facts) => shown(facts).length > 0)
    const story = app.story()
    expect(app.facts().filter((fact) => fact.kind === 'misuse')).toEqual([])
    const at = (line: string) => story.indexOf(line)
    expect(at('app.setPath')).toBeLessThan(at('app.requestSingleInstanceLock'))
    for (const before of ['app.enableSandbox', 'protocol.registerSchemesAsPrivileged']) {
      expect(at(before), before).toBeGreaterThan(-1)
      expect(at(before), before).toBeLessThan(at('emit app ready'))
    }
    expect(at('window 1 created')).toBeGreaterThan(at('emit app ready'))
    expect(windowFacts(app.facts(), 'load').map((fact) => fact['url'])).toEqual(['app://safehold/'])
  })

  it('shows the window where ready-to-show never comes (Wayland)', async () => {
    const app = launch({ SAFEHOLD_STUB_PAINT: 'never' })
    await app.waitFor('the window made', (facts) => created(facts).includes(1), 5000)
    // The fallback shows it SHOW_FALLBACK_MS (3 s) after it was made.
    await app.waitFor('the window shown', (facts) => shown(facts).includes(1), 3500)
  })

  it('as a second instance opens nothing and ends at once', async () => {
    const app = launch({ SAFEHOLD_STUB_LOCK: 'taken' })
    expect(await app.exitWithin(4000), app.report()).toEqual({ code: 0, signal: null })
    expect(created(app.facts())).toEqual([])
  })
})

describe('a second launch', () => {
  it('brings the open window forward', async () => {
    const app = launch()
    await app.waitFor('the window shown', (facts) => shown(facts).length > 0)
    app.send('second-instance')
    await app.waitFor('the window focused', (facts) => windowFacts(facts, 'focus').length > 0)
    expect(created(app.facts())).toEqual([1])
  })

  it('opens a window when there is none (macOS, after closing it)', async () => {
    const app = launch({ SAFEHOLD_STUB_PLATFORM: 'darwin' })
    await app.waitFor('the window shown', (facts) => shown(facts).includes(1))
    app.send('close-windows')
    await app.waitFor('the window closed', (facts) =>
      facts.some((fact) => fact.name === 'window-all-closed'),
    )
    app.send('second-instance')
    await app.waitFor('a new window shown', (facts) => shown(facts).includes(2), 3000)
  })

  it('from the Dock (activate) opens a window when there is none, and only then', async () => {
    const app = launch({ SAFEHOLD_STUB_PLATFORM: 'darwin' })
    await app.waitFor('the window shown', (facts) => shown(facts).includes(1))
    app.send('activate')
    app.send('close-windows')
    await app.waitFor('the window closed', (facts) =>
      facts.some((fact) => fact.name === 'window-all-closed'),
    )
    app.send('activate')
    await app.waitFor('a new window shown', (facts) => shown(facts).includes(2), 3000)
    expect(created(app.facts())).toEqual([1, 2])
  })
})

describe('a vault that cannot be opened', () => {
  it('is told in an error box, and the app ends with status 1 and no window', async () => {
    // The vault is made with the shell's passphrase; the app is then started with another.
    const first = launch()
    await first.started()
    await first.stop()
    const app = launch({ SAFEHOLD_PASSPHRASE: 'a-wrong-passphrase' }, first.home)
    expect(await app.exitWithin(8000), app.report()).toEqual({ code: 1, signal: null })
    const boxes = app.facts().filter((fact) => fact.kind === 'error-box')
    expect(boxes).toHaveLength(1)
    expect(boxes[0]?.['title']).toBe('Safehold could not start')
    expect(String(boxes[0]?.['content'])).toMatch(/passphrase/i)
    expect(String(boxes[0]?.['content'])).not.toMatch(/\n\s+at /)
    expect(created(app.facts())).toEqual([])
  })
})

describe('a development server URL in the environment', () => {
  const EVIL = 'http://evil.example:5173'

  it('is not trusted by the built app: it loads app:// and refuses calls from that page', async () => {
    const app = launch({ ELECTRON_RENDERER_URL: EVIL })
    await app.started()
    expect(windowFacts(app.facts(), 'load').map((fact) => fact['url'])).toEqual(['app://safehold/'])
    expect(await app.invoke('app:state', {}, `${EVIL}/`)).toMatchObject({ ok: false })
    expect(await app.invoke('app:state', {}, 'app://safehold/')).toMatchObject({ ok: true })
  })

  it('is not even read by the built app: only the electron-vite dev build has that code', () => {
    expect(readFileSync(MAIN, 'utf8')).not.toContain('ELECTRON_RENDERER_URL')
  })
})
