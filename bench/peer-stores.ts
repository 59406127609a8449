/**
 * The same entries in the two stores §8 compares `safehold get` with: `pass` (one GPG file per
 * entry, under a throwaway GNUPGHOME with a key that has no passphrase) and KeePassXC (one
 * .kdbx, imported from KeePass XML at KeePassXC's default key-derivation setting). Each builder
 * gives back the command that prints one entry, or why it cannot run here (the tool missing).
 * Everything lives in the bench's temp folder; the GPG agent it starts is stopped by `close`.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface PeerEntry {
  name: string
  value: string
}

/** A store the bench can ask for one entry, as a user would from a shell. */
export interface PeerStore {
  label: string
  command: string
  args: string[]
  env: NodeJS.ProcessEnv
  input?: string
  /** What the command prints for the entry, trimmed. */
  expected: string
  /** How the store was set up, for the details under the table. */
  setup: string
  close(): void
}

const onPath = (tool: string): boolean =>
  spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).status === 0

/** Entry names both stores take as file and title: letters, digits, ".", "_" and "-". */
const safeName = (name: string, index: number): string =>
  `${name.replace(/[^A-Za-z0-9._-]/g, '_')}-${index}`

function check(run: SpawnSyncReturns<string>, what: string): void {
  if (run.status !== 0) {
    const why = run.stderr.trim().split('\n').pop() ?? ''
    throw new Error(`${what} failed (exit ${run.status ?? run.signal}): ${why}`)
  }
}

/** Single-line values only: `pass show` prints the file, KeePass XML holds one string. */
const oneLine = (entries: PeerEntry[]): PeerEntry[] =>
  entries.map((entry, index) => ({
    name: safeName(entry.name, index),
    value: entry.value.replace(/[\r\n]+/g, ' ').trim() || 'empty',
  }))

export function buildPassStore(
  work: string,
  entries: PeerEntry[],
  target: number,
): PeerStore | string {
  if (!onPath('pass') || !onPath('gpg')) return 'pass or gpg not found (apt install pass)'
  const home = join(work, 'gnupg')
  const store = join(work, 'password-store')
  mkdirSync(home, { mode: 0o700 })
  mkdirSync(join(store, 'bench'), { recursive: true })
  const env = { ...process.env, GNUPGHOME: home, PASSWORD_STORE_DIR: store }
  const close = (): void => {
    spawnSync('gpgconf', ['--kill', 'all'], { env })
    rmSync(home, { recursive: true, force: true })
    rmSync(store, { recursive: true, force: true })
  }
  try {
    const gen = spawnSync(
      'gpg',
      ['--batch', '--passphrase', '', '--quick-gen-key', 'Bench <bench@example.invalid>'],
      { env, encoding: 'utf8' },
    )
    check(gen, 'gpg --quick-gen-key')
    const keys = spawnSync('gpg', ['--list-keys', '--with-colons'], { env, encoding: 'utf8' })
    const fingerprint = /^fpr:+([0-9A-F]+):/m.exec(keys.stdout)?.[1]
    if (fingerprint === undefined) throw new Error('gpg made no key')
    check(spawnSync('pass', ['init', fingerprint], { env, encoding: 'utf8' }), 'pass init')
    const shown = oneLine(entries)
    const files = shown.map((entry) => {
      const file = join(store, 'bench', entry.name)
      writeFileSync(file, `${entry.value}\n`, { mode: 0o600 })
      return file
    })
    // One gpg process per thousand files rather than one `pass insert` per entry.
    for (let at = 0; at < files.length; at += 1000) {
      const batch = files.slice(at, at + 1000)
      const gpgArgs = ['-q', '--batch', '--yes', '--trust-model', 'always', '-r', fingerprint]
      const run = spawnSync('gpg', [...gpgArgs, '--multifile', '--encrypt', ...batch], {
        env,
        encoding: 'utf8',
      })
      check(run, 'gpg --encrypt')
      for (const file of batch) rmSync(file)
    }
    const entry = shown[target]!
    return {
      label: 'pass show',
      command: 'pass',
      args: ['show', `bench/${entry.name}`],
      env,
      expected: entry.value,
      setup: `pass: ${shown.length} entries, one GPG file each (RSA key without passphrase, agent warm)`,
      close,
    }
  } catch (error) {
    close()
    throw error
  }
}

const xml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

export function buildKeepassStore(
  work: string,
  entries: PeerEntry[],
  target: number,
): PeerStore | string {
  if (!onPath('keepassxc-cli')) return 'keepassxc-cli not found (apt install keepassxc)'
  const password = 'bench-keepass-password'
  const source = join(work, 'keepass.xml')
  const database = join(work, 'bench.kdbx')
  const close = (): void => {
    rmSync(source, { force: true })
    rmSync(database, { force: true })
  }
  const shown = oneLine(entries)
  const body = shown
    .map(
      (entry) =>
        `<Entry><String><Key>Title</Key><Value>${xml(entry.name)}</Value></String>` +
        `<String><Key>Password</Key><Value>${xml(entry.value)}</Value></String></Entry>`,
    )
    .join('\n')
  writeFileSync(
    source,
    `<?xml version="1.0" encoding="UTF-8"?>\n<KeePassFile><Root><Group><Name>Root</Name>\n${body}\n</Group></Root></KeePassFile>\n`,
    { mode: 0o600 },
  )
  try {
    const run = spawnSync('keepassxc-cli', ['import', '-q', '-p', source, database], {
      input: `${password}\n${password}\n`,
      encoding: 'utf8',
    })
    check(run, 'keepassxc-cli import')
    rmSync(source)
    const entry = shown[target]!
    return {
      label: 'keepassxc-cli show',
      command: 'keepassxc-cli',
      args: ['show', '-q', '-s', '-a', 'Password', database, entry.name],
      env: process.env,
      input: `${password}\n`,
      expected: entry.value,
      setup: `KeePassXC: ${shown.length} entries in one .kdbx, key derivation at KeePassXC's default (password on stdin)`,
      close,
    }
  } catch (error) {
    close()
    throw error
  }
}
