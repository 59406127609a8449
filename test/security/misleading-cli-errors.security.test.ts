/**
 * Errors that misled: a bare `workspace` printed eleven lines of help even with --json;
 * `list --scope workspace:Nope` said "No secrets yet"; `--vault ""` silently meant the current
 * folder; a vault path through a file printed Node's "ENOTDIR: … scandir". Now each is one line
 * with a code that says what is wrong, and nothing is created or changed.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { ensureBuilt, expectCliError, fileDigests, runCli } from '../support/cli'
import { initInProcess, oneLineError, runCliInProcess } from '../support/cli-in-process'

let root = ''
let vault = ''
let aFile = ''
const keychain = memoryKeychain()
const cli = (args: string[], at = vault) => runCliInProcess(args, { vault: at, keychain })

beforeAll(async () => {
  await ensureBuilt()
  root = mkdtempSync(join(tmpdir(), 'safehold-misleading-'))
  vault = join(root, 'vault')
  aFile = join(root, 'a-file')
  writeFileSync(aFile, 'not a vault\n')
  await initInProcess(vault, keychain)
  expect((await cli(['workspace', 'add', 'Ops'])).code).toBe(0)
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('one clear line instead of help, silence or a Node message', () => {
  it('bare `workspace` is a one-line usage error, with --json one JSON object', async () => {
    expect(oneLineError(await cli(['workspace']), 'INVALID_INPUT')).toMatch(
      /workspace add NAME.*workspace list/,
    )
    const json = await cli(['workspace', '--json'])
    expect(json.code).toBe(1)
    expect(json.stdout).toBe('')
    const { error } = JSON.parse(json.stderr) as { error: { code: string; message: string } }
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.message).toMatch(/workspace add NAME/)
    expect(json.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('`list --scope workspace:Nope` names the workspaces that exist', async () => {
    const message = oneLineError(
      await cli(['list', '--scope', 'workspace:Nope']),
      'WORKSPACE_NOT_FOUND',
    )
    expect(message).toBe('There is no workspace "Nope". Existing workspaces: Ops.')
    expect((await cli(['list', '--scope', 'workspace:ops'])).code).toBe(0)
  })

  it('an empty --vault is refused, not taken as the current folder', async () => {
    for (const command of [['list'], ['init']]) {
      const result = await runCliInProcess(['--vault', '', ...command], { vault, keychain })
      expect(oneLineError(result, 'INVALID_INPUT')).toMatch(/--vault was given an empty path/)
    }
  })

  it.each([
    ['a file', () => aFile],
    ['a path through a file', () => join(aFile, 'vault')],
  ])('--vault naming %s is NOT_A_FILE, never a raw ENOTDIR', async (_, path) => {
    const before = fileDigests(root)
    for (const command of [['list'], ['init'], ['get', 'x', '--as', 'y']]) {
      const result = await cli(command, path())
      expect(oneLineError(result, 'NOT_A_FILE')).toMatch(/vault folder/)
      expect(result.stderr).not.toMatch(/ENOTDIR|scandir|mkdir/)
    }
    expect(fileDigests(root)).toEqual(before)
  })

  it('as a real process: bare `safehold workspace` and `--vault` through a file', () => {
    expectCliError(runCli(['workspace']), 'INVALID_INPUT', /workspace add NAME/)
    const result = runCli(['init', '--passphrase-stdin'], {
      vault: join(aFile, 'v'),
      input: 'a passphrase long enough to pass',
    })
    expectCliError(result, 'NOT_A_FILE', /part of its path is a file/)
    expect(existsSync(join(aFile, 'v'))).toBe(false)
    expect(readdirSync(root).sort()).toEqual(['a-file', 'vault'])
  })
})
