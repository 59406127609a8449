import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  autostartPath,
  desktopEntryKeys,
  execArgument,
  linuxAutostart,
} from '../../src/main/app/autostart-linux'

// Launch at login on Linux, for real on this file system: the XDG autostart entry is written,
// reads as a valid Desktop Entry that starts Safehold hidden, is removed, and a symbolic link in
// its place is never followed.

let home: string
let config: string
let entry: string
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'safehold-autostart-'))
  config = join(home, 'config')
  entry = join(config, 'autostart', 'safehold.desktop')
})
afterEach(() => rmSync(home, { recursive: true, force: true }))

const EXECUTABLE = '/opt/Safe Hold/safehold'
const autostart = (command: string[] = [EXECUTABLE]) =>
  linuxAutostart({ command, env: { XDG_CONFIG_HOME: config }, home })

/**
 * Reads an Exec value back as a launcher does (Desktop Entry spec): the string escapes first,
 * then the quoting, then %% as one %.
 */
function parseExec(value: string): string[] {
  const unescaped = value.replace(/\\(.)/g, (_, c: string) =>
    c === 's' ? ' ' : c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c,
  )
  const args: string[] = []
  let current: string | null = null
  let quoted = false
  for (let i = 0; i < unescaped.length; i++) {
    const c = unescaped.charAt(i)
    if (quoted) {
      if (c === '\\') current += unescaped.charAt(++i)
      else if (c === '"') quoted = false
      else current += c
    } else if (c === '"') {
      quoted = true
      current ??= ''
    } else if (c === ' ') {
      if (current !== null) args.push(current)
      current = null
    } else {
      current = (current ?? '') + c
    }
  }
  if (current !== null) args.push(current)
  return args.map((arg) => arg.replaceAll('%%', '%'))
}

describe('the XDG autostart entry', () => {
  it('lives in $XDG_CONFIG_HOME/autostart, else ~/.config/autostart', () => {
    expect(autostartPath({ XDG_CONFIG_HOME: '/x/cfg' }, '/home/u')).toBe(
      '/x/cfg/autostart/safehold.desktop',
    )
    expect(autostartPath({}, '/home/u')).toBe('/home/u/.config/autostart/safehold.desktop')
    expect(autostartPath({ XDG_CONFIG_HOME: 'relative' }, '/home/u')).toBe(
      '/home/u/.config/autostart/safehold.desktop',
    )
  })

  it('is written, 0644, in a folder made for it, as a Desktop Entry that starts Safehold hidden', () => {
    const items = autostart()
    expect(items.get()).toBe(false)
    items.set(true)
    expect(items.get()).toBe(true)
    expect(statSync(entry).mode & 0o777).toBe(0o644)
    const text = readFileSync(entry, 'utf8')
    expect(text.split('\n')[0]).toBe('[Desktop Entry]')
    const keys = desktopEntryKeys(text)
    expect(keys.get('Type')).toBe('Application')
    expect(keys.get('Name')).toBe('Safehold')
    expect(keys.get('X-GNOME-Autostart-enabled')).toBe('true')
    expect(parseExec(keys.get('Exec') ?? '')).toEqual([EXECUTABLE, '--hidden'])
    // No temporary file is left beside it.
    expect(readdirSync(join(config, 'autostart'))).toEqual(['safehold.desktop'])
  })

  it('is written again in place when turned on twice, and removed when turned off', () => {
    const items = autostart()
    items.set(true)
    items.set(true)
    expect(items.get()).toBe(true)
    items.set(false)
    expect(existsSync(entry)).toBe(false)
    expect(items.get()).toBe(false)
    // Off when already off is no error.
    items.set(false)
  })

  it('names an unpackaged run by the executable and the app folder', () => {
    autostart(['/usr/lib/electron/electron', '/home/dev/safe hold']).set(true)
    const exec = desktopEntryKeys(readFileSync(entry, 'utf8')).get('Exec') ?? ''
    expect(parseExec(exec)).toEqual([
      '/usr/lib/electron/electron',
      '/home/dev/safe hold',
      '--hidden',
    ])
  })

  it.each([
    '/opt/it\'s "quoted"/safehold',
    '/opt/$HOME/`id`/safehold',
    '/opt/back\\slash/safehold',
    '/opt/100%f/safehold',
    '/opt/a;b|c&d/safehold',
  ])('quotes %s so a launcher reads back exactly that path', (path) => {
    expect(parseExec(execArgument(path))).toEqual([path])
  })

  it('starts a program whose path holds a % through env, as GLib looks it up unexpanded', () => {
    autostart(['/opt/100%/safehold']).set(true)
    const exec = desktopEntryKeys(readFileSync(entry, 'utf8')).get('Exec') ?? ''
    expect(parseExec(exec)).toEqual(['/usr/bin/env', '/opt/100%/safehold', '--hidden'])
  })

  it('refuses a path with a line break, which no desktop file can hold', () => {
    expect(() => autostart(['/opt/a\nb']).set(true)).toThrow(/control character/)
    expect(existsSync(entry)).toBe(false)
  })

  it('counts as off when the user disabled it in their session settings, or it is not ours', () => {
    const items = autostart()
    items.set(true)
    const text = readFileSync(entry, 'utf8')
    writeFileSync(
      entry,
      text.replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled=false'),
    )
    expect(items.get()).toBe(false)
    writeFileSync(entry, `${text}Hidden=true\n`)
    expect(items.get()).toBe(false)
    writeFileSync(entry, text.replace('Name=Safehold', 'Name=Something else'))
    expect(items.get()).toBe(false)
  })

  it('never follows, overwrites or removes a symbolic link in its place', () => {
    const elsewhere = join(home, 'elsewhere.desktop')
    writeFileSync(elsewhere, '[Desktop Entry]\nType=Application\nName=Safehold\nExec=/bin/true\n')
    mkdirSync(join(config, 'autostart'), { recursive: true })
    symlinkSync(elsewhere, entry)
    const items = autostart()
    expect(items.get()).toBe(false)
    expect(() => items.set(true)).toThrow(/not a plain file/)
    expect(() => items.set(false)).toThrow(/not a plain file/)
    expect(lstatSync(entry).isSymbolicLink()).toBe(true)
    expect(readlinkSync(entry)).toBe(elsewhere)
    expect(readFileSync(elsewhere, 'utf8')).toContain('Exec=/bin/true')
    expect(readdirSync(join(config, 'autostart'))).toEqual(['safehold.desktop'])
  })
})
