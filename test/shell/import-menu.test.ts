import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { requireBuild, shellApps } from './support/shell-app'

// The application menu's "Import .env…" (DESIGN §6.4): main cannot open the page's dialog, so it
// asks the window through the navigation queue, which the page reads (on focus and every couple
// of seconds) and acts on once; while the vault is locked the item is greyed.

const { launch, stopAll } = shellApps()

beforeAll(requireBuild)
afterEach(stopAll)

describe('Import .env… in the application menu', () => {
  it('asks the window, once, to open the import', async () => {
    const app = launch()
    await app.started()
    app.send('app-menu', { label: 'Import .env…' })
    await app.waitFor('the menu click', (facts) =>
      facts.some((fact) => fact.kind === 'menu' && fact['label'] === 'Import .env…'),
    )
    expect(await app.invoke('app:take-navigation', {})).toMatchObject({
      ok: true,
      value: { secretId: null, view: 'import-env' },
    })
    expect(await app.invoke('app:take-navigation', {})).toMatchObject({
      ok: true,
      value: { secretId: null, view: null },
    })
  })

  it('is greyed while the vault is locked', async () => {
    const app = launch()
    await app.started()
    await app.invoke('vault:lock', {})
    app.send('app-menu', { label: 'Import .env…' })
    await app.waitFor('the greyed item', (facts) =>
      facts.some((fact) => fact.kind === 'greyed' && fact['label'] === 'Import .env…'),
    )
  })
})
