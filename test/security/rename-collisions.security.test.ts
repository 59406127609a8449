/**
 * A rename must not make two things one: renaming a secret to "STRIPE-LIVE" beside "stripe-live"
 * would leave `safehold get stripe-live` to pick either value, and a name held by a secret
 * scheduled for deletion would be taken over before "Cancel deletion" could bring the old one
 * back; renaming workspace "Payments" to "PLATFORM" beside "Platform" would merge two workspaces.
 * Each is refused with the registration's own words, over IPC and on the command line, and
 * nothing changes: each name still gives its own value.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppServices, type AppServices } from '../../src/main/app/app-services'
import { createIpcRouter, type IpcRouter } from '../../src/main/ipc/ipc-router'
import { sameOriginAs } from '../../src/main/ipc/ipc-sender'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { memoryClipboard } from '../../src/main/usage/clipboard'
import { fileDigests } from '../support/cli'
import { initInProcess, oneLineError, runCliInProcess } from '../support/cli-in-process'
import { fixedClock } from '../support/vault-fixtures'

const TAKEN =
  'A secret named "stripe-live" already exists in the organization. Choose another name.'
const SCHEDULED =
  'The name "old-key" is still taken in the organization by a secret that is scheduled for deletion. Use "Cancel deletion" on it to keep that secret, or choose another name.'
const OWN = { url: 'app://safehold/index.html' }
let root = ''
let vault = ''
const keychain = memoryKeychain()
const cli = (args: string[], input?: string) =>
  runCliInProcess(args, { vault, keychain, ...(input === undefined ? {} : { input }) })
let services: AppServices
let router: IpcRouter
const ids: Record<string, string> = {}

async function register(name: string): Promise<void> {
  const result = await cli(
    [
      'register',
      ...['--type', 'api-key', '--name', name, '--scope', 'organization'],
      ...['--field', 'headerName=X', '--secret-stdin', 'value', '--json'],
    ],
    `value-of-${name}`,
  )
  expect(result.code, result.stderr).toBe(0)
}

async function dispatch(channel: 'secrets:edit' | 'workspaces:rename', request: object) {
  const result = await router.dispatch(channel, request, OWN)
  expect(result.ok).toBe(false)
  return (result as { error: { code: string; message: string; field?: string } }).error
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'safehold-rename-'))
  vault = join(root, 'vault')
  await initInProcess(vault, keychain)
  for (const name of ['stripe-live', 'mailgun', 'old-key']) await register(name)
  expect((await cli(['delete', 'old-key', '--schedule', '--confirm', 'DELETE'])).code).toBe(0)
  for (const name of ['Payments', 'Platform'])
    expect((await cli(['workspace', 'add', name])).code).toBe(0)
  // The window's view of the same vault, as the app would open it.
  services = await openAppServices({
    vaultDir: vault,
    keychain,
    passphrase: null,
    clock: fixedClock(new Date().toISOString()),
    clipboard: memoryClipboard(),
  })
  router = createIpcRouter(services, { isOwnPage: sameOriginAs('app://safehold/'), log: () => {} })
  for (const secret of Object.values(services.store.state.secrets)) ids[secret.name] = secret.id
})
afterAll(() => {
  services?.close()
  rmSync(root, { recursive: true, force: true })
})

describe('renaming a secret', () => {
  it('onto a name taken in another case is NAME_TAKEN, as at registration', async () => {
    const before = fileDigests(vault)
    const byCli = await cli(['edit', 'mailgun', '--rename', 'STRIPE-LIVE'])
    expect(oneLineError(byCli, 'NAME_TAKEN')).toBe(TAKEN)
    expect(await dispatch('secrets:edit', { id: ids['mailgun'], name: 'Stripe-Live' })).toEqual({
      code: 'NAME_TAKEN',
      message: TAKEN,
      field: 'name',
    })
    expect(fileDigests(vault)).toEqual(before)
    for (const name of ['stripe-live', 'mailgun'])
      expect((await cli(['get', name, '--as', 'check'])).stdout).toBe(`value-of-${name}\n`)
  })

  it('onto the name of a secret scheduled for deletion is refused, offering Cancel deletion', async () => {
    const before = fileDigests(vault)
    expect(oneLineError(await cli(['edit', 'mailgun', '--rename', 'OLD-KEY']), 'NAME_TAKEN')).toBe(
      SCHEDULED,
    )
    expect(await dispatch('secrets:edit', { id: ids['mailgun'], name: 'old-key' })).toEqual({
      code: 'NAME_TAKEN',
      message: SCHEDULED,
      field: 'name',
    })
    expect(fileDigests(vault)).toEqual(before)
    // The scheduled secret can still be brought back under its own name.
    expect((await cli(['cancel-deletion', 'old-key'])).code).toBe(0)
  })
})

describe('renaming a workspace', () => {
  it('onto an existing workspace in another case is WORKSPACE_EXISTS, and nothing merges', async () => {
    const before = fileDigests(vault)
    expect(
      oneLineError(await cli(['workspace', 'rename', 'Payments', 'PLATFORM']), 'WORKSPACE_EXISTS'),
    ).toBe('A workspace named "PLATFORM" already exists.')
    expect(await dispatch('workspaces:rename', { from: 'payments', to: 'platform' })).toEqual({
      code: 'WORKSPACE_EXISTS',
      message: 'A workspace named "platform" already exists.',
      field: 'workspace',
    })
    expect(fileDigests(vault)).toEqual(before)
    const listed = await cli(['workspace', 'list'])
    expect(listed.stdout).toBe('Payments\nPlatform\n')
  })
})
