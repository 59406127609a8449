import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { FuseV1Options } from '@electron/fuses'
import type { AfterPackContext } from 'electron-builder'
import { afterEach, describe, expect, it } from 'vitest'
import config, { FILES, flipAndCheckFuses, FUSES } from '../../electron-builder.config'

// DESIGN §4: a packaged Safehold runs only its own signed code. Each fuse, what is packed, and
// that the packing step really flips the fuses of the binary it ships.

const ROOT = join(__dirname, '..', '..')
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'

describe('the fuses', () => {
  it.each([
    ['RunAsNode', FuseV1Options.RunAsNode, false],
    [
      'EnableNodeOptionsEnvironmentVariable',
      FuseV1Options.EnableNodeOptionsEnvironmentVariable,
      false,
    ],
    ['EnableNodeCliInspectArguments', FuseV1Options.EnableNodeCliInspectArguments, false],
    ['OnlyLoadAppFromAsar', FuseV1Options.OnlyLoadAppFromAsar, true],
    [
      'EnableEmbeddedAsarIntegrityValidation',
      FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
      true,
    ],
    ['GrantFileProtocolExtraPrivileges', FuseV1Options.GrantFileProtocolExtraPrivileges, false],
    ['EnableCookieEncryption', FuseV1Options.EnableCookieEncryption, true],
    [
      'LoadBrowserProcessSpecificV8Snapshot',
      FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
      false,
    ],
  ])('%s is %s', (_name, fuse, on) => {
    expect(FUSES[fuse]).toBe(on)
  })

  it('are flipped by the packing step, on an app packed into an archive', () => {
    expect(config.afterPack).toBe(flipAndCheckFuses)
    expect(config.asar).toBe(true)
    expect(config.npmRebuild).toBe(false)
  })
})

describe('the packing step', () => {
  let folder = ''
  afterEach(() => rmSync(folder, { recursive: true, force: true }))

  /** A stand-in for the Electron binary: its fuse wire, between bytes that must not change. */
  function fakeElectron(wire: string): { context: AfterPackContext; path: string } {
    folder = mkdtempSync(join(tmpdir(), 'safehold-fuses-'))
    const path = join(folder, 'safehold')
    const bytes = Buffer.concat([
      Buffer.from('\x7fELF before'),
      Buffer.from(SENTINEL),
      Buffer.from([1, wire.length]),
      Buffer.from(wire),
      Buffer.from('after'),
    ])
    writeFileSync(path, bytes)
    const context = {
      appOutDir: folder,
      electronPlatformName: 'linux',
      packager: { appInfo: { productFilename: 'Safehold' }, executableName: 'safehold' },
    } as unknown as AfterPackContext
    return { context, path }
  }

  const wireOf = (path: string): string => {
    const bytes = readFileSync(path).toString('latin1')
    const at = bytes.indexOf(SENTINEL) + SENTINEL.length
    return bytes.slice(at + 2, at + 2 + bytes.charCodeAt(at + 1))
  }

  it('writes every fuse into the binary and leaves the rest of it alone', async () => {
    // Electron's defaults: 1 = on. The ninth fuse is one this version of the tools does not know.
    const { context, path } = fakeElectron('101100101')
    await flipAndCheckFuses(context)
    expect(wireOf(path)).toBe('010011001')
    const text = readFileSync(path, 'latin1')
    expect(text.startsWith('\x7fELF before')).toBe(true)
    expect(text.endsWith('after')).toBe(true)
  })

  it('fails the build when the binary cannot carry them all', async () => {
    const { context } = fakeElectron('1011')
    await expect(flipAndCheckFuses(context)).rejects.toThrow(/not long enough/)
  })
})

describe('what is packed', () => {
  it('is the built app, its tray icons and package.json, never the harness, the CLI, a map or a test', () => {
    expect(config.files).toBe(FILES)
    const included = FILES.filter((pattern) => !pattern.startsWith('!'))
    expect(included.sort()).toEqual(['out/**/*', 'package.json', 'resources/tray*.png'])
    for (const excluded of ['!out/main/harness.js', '!out/main/cli.js', '!**/*.map']) {
      expect(FILES).toContain(excluded)
    }
    expect(FILES.some((pattern) => pattern.startsWith('!') && pattern.includes('test'))).toBe(true)
  })

  const MAIN = join(ROOT, 'out', 'main', 'index.js')
  const built = existsSync(MAIN)
  if (!built) console.warn(`skipped: ${relative(ROOT, MAIN)} is not built (run npm run build)`)

  it.skipIf(!built)('is enough: the app reaches neither the harness nor the CLI', () => {
    const seen = new Set<string>()
    for (let pending = [MAIN], file = pending.pop(); file; file = pending.pop()) {
      if (seen.has(file)) continue
      seen.add(file)
      const code = readFileSync(file, 'utf8')
      for (const match of code.matchAll(/\brequire\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)) {
        const path = join(dirname(file), match[1] ?? '')
        pending.push(path.endsWith('.js') ? path : `${path}.js`)
      }
    }
    const reached = [...seen].map((file) => relative(join(ROOT, 'out', 'main'), file))
    expect(reached).toContain('index.js')
    expect(reached).not.toContain('harness.js')
    expect(reached).not.toContain('cli.js')
  })

  it('targets AppImage and deb on Linux, dmg on macOS and nsis on Windows', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb'])
    expect(config.mac?.target).toBe('dmg')
    expect(config.win?.target).toBe('nsis')
  })
})
