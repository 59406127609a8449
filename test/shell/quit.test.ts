import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { requireBuild, shellApps, type Fact, type ShellApp } from './support/shell-app'

// Quitting ends the process at once on every path, and a copied value is off the clipboard
// before it ends. A process that lingers keeps the single-instance lock: the next launch of
// Safehold then shows nothing at all.

/** "At once": well under a second of work, with room for a slow, shared test machine. */
const PROMPTLY_MS = 4000

const { launch, stopAll } = shellApps()

beforeAll(requireBuild)
afterEach(stopAll)

async function expectQuitPromptly(app: ShellApp): Promise<void> {
  const exit = await app.exitWithin(PROMPTLY_MS)
  expect(exit, `still running ${PROMPTLY_MS} ms after quitting:\n${app.report()}`).not.toBeNull()
  expect(exit).toEqual({ code: 0, signal: null })
}

const SECRET_VALUE = 'shell-copy-value-5d1e'

/** Registers a secret and copies it, as the Copy button does: its value is on the clipboard. */
async function copyASecret(app: ShellApp): Promise<void> {
  const registered = await app.invoke('secrets:register', {
    type: 'api-key',
    name: 'shell-copy',
    scope: { kind: 'personal' },
    fields: { headerName: 'X-Api-Key', value: SECRET_VALUE },
  })
  expect(registered, JSON.stringify(registered)).toMatchObject({ ok: true })
  const id = (registered as { value: { secret: { id: string } } }).value.secret.id
  const copied = await app.invoke('secrets:copy', { id })
  expect(copied, JSON.stringify(copied)).toMatchObject({ ok: true })
  expect(clipboardWrites(app.facts()).at(-1)).toBe(SECRET_VALUE)
}

const clipboardWrites = (facts: Fact[]): string[] =>
  facts.filter((fact) => fact.kind === 'clipboard').map((fact) => String(fact['text']))

/** The clipboard was emptied, and that happened before the process began to end. */
function expectClipboardClearedBeforeExit(app: ShellApp): void {
  const facts = app.facts()
  expect(clipboardWrites(facts).at(-1), 'the copied value is still on the clipboard').toBe('')
  const cleared = facts.findLastIndex((fact) => fact.kind === 'clipboard' && fact['text'] === '')
  const quit = facts.findIndex((fact) => fact.kind === 'emit' && fact.name === 'quit')
  expect(cleared).toBeLessThan(quit)
}

describe('quitting', () => {
  it('from the menu or Ctrl+Q with the window open ends the process', async () => {
    const app = launch()
    await app.started()
    app.send('quit')
    await expectQuitPromptly(app)
    expect(app.story()).toContain('emit app will-quit')
  })

  it('with Cmd+Q and the window open ends the process (macOS)', async () => {
    const app = launch({ SAFEHOLD_STUB_PLATFORM: 'darwin' })
    await app.started()
    await copyASecret(app)
    app.send('quit')
    await expectQuitPromptly(app)
    expectClipboardClearedBeforeExit(app)
  })

  it.each(['linux', 'win32', 'darwin'])(
    'with no window left (%s, after closing it) ends the process',
    async (platform) => {
      const app = launch({ SAFEHOLD_STUB_PLATFORM: platform })
      await app.started()
      app.send('close-windows')
      await app.waitFor('the window closed', (facts) =>
        facts.some((fact) => fact.kind === 'emit' && fact.name === 'window-all-closed'),
      )
      expect(await app.exitWithin(300), 'Safehold keeps running without a window').toBeNull()
      app.send('quit')
      await expectQuitPromptly(app)
    },
  )

  it('clears a copied value from the clipboard first', async () => {
    const app = launch()
    await app.started()
    await copyASecret(app)
    app.send('quit')
    await expectQuitPromptly(app)
    expectClipboardClearedBeforeExit(app)
  })

  it('leaves alone what the user copied after the value', async () => {
    const app = launch()
    await app.started()
    await copyASecret(app)
    app.send('user-copies', { text: 'my own text' })
    app.send('quit')
    await expectQuitPromptly(app)
    expect(clipboardWrites(app.facts()).at(-1)).toBe('my own text')
  })

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'on %s, even sent three times as a terminal and its tools do, clears the clipboard and ends cleanly',
    async (signal) => {
      const app = launch()
      await app.started()
      await copyASecret(app)
      // Apart, or the kernel merges them into one.
      for (let sent = 0; sent < 3; sent++) {
        app.signal(signal)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      await expectQuitPromptly(app)
      expectClipboardClearedBeforeExit(app)
    },
  )
})
