/**
 * Launch at login on Linux: an XDG autostart entry, $XDG_CONFIG_HOME/autostart/safehold.desktop
 * (~/.config by default), that starts Safehold hidden in the tray. The entry is written whole or
 * not at all (a temporary file renamed over it), and a symbolic link or anything else that is not
 * a plain file in its place is never followed, overwritten or removed: it is not ours.
 */
import {
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs'
import { homedir } from 'node:os'
import { dirname, isAbsolute, join } from 'node:path'
import { SafeholdError } from '../../shared/errors'
import { HIDDEN_ARG, type LoginItems } from './login-items'

export const AUTOSTART_FILE = 'safehold.desktop'

export function autostartPath(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  const configured = env['XDG_CONFIG_HOME']
  // The Base Directory spec: a relative value is invalid and ignored.
  const config = configured && isAbsolute(configured) ? configured : join(home, '.config')
  return join(config, 'autostart', AUTOSTART_FILE)
}

// Desktop Entry spec, "The Exec key": an argument holding any of these must be quoted.
const RESERVED = /[\s"'\\><~|&;$*?#()`]/

/** One argument of an Exec line, quoted and escaped so a launcher reads back exactly `arg`. */
export function execArgument(arg: string): string {
  // A line break cannot be written in a desktop file value at all.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(arg)) {
    throw new SafeholdError('INVALID_INPUT', 'The path to Safehold contains a control character.')
  }
  // A literal % is %% everywhere in Exec (a lone % starts a field code such as %f).
  const percent = arg.replaceAll('%', '%%')
  if (arg !== '' && !RESERVED.test(arg)) return percent
  const quoted = `"${percent.replace(/["`$\\]/g, (c) => `\\${c}`)}"`
  // Exec is a string value: its own escape rule (\\ for one backslash) applies before quoting.
  return quoted.replaceAll('\\', '\\\\')
}

export function desktopEntry(command: readonly string[]): string {
  // GLib checks that the program exists under its raw, still %%-escaped name before it expands
  // field codes, so a program path with a % in it would never start: env takes it as an argument.
  const program = command[0] ?? ''
  const argv = program.includes('%') ? ['/usr/bin/env', ...command] : [...command]
  const exec = [...argv, HIDDEN_ARG].map(execArgument).join(' ')
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=Safehold',
    'Comment=Keeps reminders about your secrets coming, from the tray',
    `Exec=${exec}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n')
}

/** The keys of the [Desktop Entry] group. */
export function desktopEntryKeys(text: string): Map<string, string> {
  const keys = new Map<string, string>()
  let group: string | null = null
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    if (line.startsWith('[')) {
      group = line
      continue
    }
    const equals = line.indexOf('=')
    if (group === '[Desktop Entry]' && equals > 0) {
      keys.set(line.slice(0, equals).trim(), line.slice(equals + 1).trim())
    }
  }
  return keys
}

function notOurs(path: string): SafeholdError {
  return new SafeholdError(
    'NOT_A_FILE',
    `${path} is not a plain file (a symbolic link?), so Safehold leaves it alone. Remove it to ` +
      'let Safehold turn Launch at login on or off.',
  )
}

/** `lstat` without following a link: null when nothing is there. */
function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

function fsyncFolder(folder: string): void {
  const fd = openSync(folder, constants.O_RDONLY | constants.O_DIRECTORY)
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

function writeAtomically(path: string, text: string): void {
  const folder = dirname(path)
  // The Base Directory spec asks for 0700 on folders it makes; an existing one is left as it is.
  mkdirSync(folder, { recursive: true, mode: 0o700 })
  const temporary = join(folder, `.${AUTOSTART_FILE}.${process.pid}.tmp`)
  const fd = openSync(
    temporary,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o644,
  )
  try {
    try {
      writeSync(fd, text)
      // 0644 whatever the umask: readable by the session that starts it, writable by its owner.
      fchmodSync(fd, 0o644)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    // A link that appeared since the check is replaced by the rename, never written through.
    if (lstatOrNull(path)?.isFile() === false) throw notOurs(path)
    renameSync(temporary, path)
  } catch (error) {
    unlinkSync(temporary)
    throw error
  }
  fsyncFolder(folder)
}

function readEntry(path: string): string | null {
  let fd: number
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ELOOP') return null
    throw error
  }
  try {
    const stats = fstatSync(fd)
    // Anything but a small plain file is not an entry Safehold wrote.
    if (!stats.isFile() || stats.size > 64 * 1024) return null
    return readFileSync(fd, 'utf8')
  } finally {
    closeSync(fd)
  }
}

export function linuxAutostart(options: {
  /** How to start this Safehold: the executable, and the app folder in an unpackaged run. */
  command: readonly string[]
  env?: NodeJS.ProcessEnv
  home?: string
}): LoginItems {
  const path = autostartPath(options.env, options.home)
  return {
    get() {
      const text = readEntry(path)
      if (text === null) return false
      const keys = desktopEntryKeys(text)
      return (
        keys.get('Type') === 'Application' &&
        keys.get('Name') === 'Safehold' &&
        (keys.get('Exec') ?? '') !== '' &&
        keys.get('Hidden') !== 'true' &&
        keys.get('X-GNOME-Autostart-enabled') !== 'false'
      )
    },
    set(enabled) {
      const found = lstatOrNull(path)
      if (found !== null && !found.isFile()) throw notOurs(path)
      if (enabled) {
        writeAtomically(path, desktopEntry(options.command))
      } else if (found !== null) {
        unlinkSync(path)
        fsyncFolder(dirname(path))
      }
    },
  }
}
