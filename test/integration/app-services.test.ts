/**
 * The composition root as its callers see it: the app, the harness and every CLI command get
 * their store, clock and services from openAppServices, so what one builds the others build too.
 */
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openAppServices } from '../../src/main/app/app-services'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { memoryClipboard } from '../../src/main/usage/clipboard'
import { fixedClock, makeTempDir, removeTempDirs } from '../support/vault-fixtures'

afterAll(removeTempDirs)

const apiKey = (name: string, scope: 'personal' | 'organization' = 'personal') => ({
  type: 'api-key' as const,
  name,
  scope: { kind: scope },
  fields: { headerName: 'X-Api-Key', value: `value-of-${name}` },
})

async function vaultWithTwoSecrets() {
  const vaultDir = join(makeTempDir('app-services'), 'vault')
  const keychain = memoryKeychain()
  const clock = fixedClock('2031-02-03T04:05:06.000Z')
  const app = await openAppServices({
    vaultDir,
    keychain,
    passphrase: null,
    clock,
    clipboard: memoryClipboard(),
    create: { organization: 'Acme', user: 'Root Tester', role: 'account-holder' },
  })
  await app.secrets.register(apiKey('stripe-live'))
  await app.secrets.register(apiKey('github-token'))
  return { vaultDir, keychain, clock, app }
}

describe('openAppServices', () => {
  it('creates the vault it was asked to create, on the clock it was given', async () => {
    const { app } = await vaultWithTwoSecrets()
    expect(app.created).toBe(true)
    expect(app.secrets.profile()).toMatchObject({ organization: 'Acme', user: 'Root Tester' })
    const [created] = app.store.state.audit
    expect(created).toMatchObject({ action: 'vault-created', at: '2031-02-03T04:05:06.000Z' })
    expect((await app.secrets.list()).map((s) => s.createdAt)).toEqual([
      '2031-02-03T04:05:06.000Z',
      '2031-02-03T04:05:06.000Z',
    ])
  })

  it('refuses to create over a vault that exists, and changes nothing', async () => {
    const { vaultDir, keychain, app } = await vaultWithTwoSecrets()
    await expect(
      openAppServices({
        vaultDir,
        keychain,
        passphrase: null,
        create: { organization: 'Other', user: 'Someone', role: 'account-holder' },
      }),
    ).rejects.toMatchObject({ code: 'VAULT_EXISTS' })
    await app.store.refresh()
    expect(Object.keys(app.store.state.secrets)).toHaveLength(2)
  })

  it('with onlyNames opens just the secrets of that name, and no service that could list more', async () => {
    const { vaultDir, keychain, clock } = await vaultWithTwoSecrets()
    const narrow = await openAppServices({
      vaultDir,
      keychain,
      passphrase: null,
      clock,
      onlyNames: ['stripe-live'],
    })
    expect(Object.values(narrow.store.state.secrets).map((s) => s.name)).toEqual(['stripe-live'])
    expect(narrow.clock).toBe(clock)
    expect('secrets' in narrow).toBe(false)
  })

  it('without a clipboard refuses Copy before the secret is used', async () => {
    const { vaultDir, keychain, clock } = await vaultWithTwoSecrets()
    const cli = await openAppServices({ vaultDir, keychain, passphrase: null, clock })
    const [secret] = await cli.secrets.list()
    await expect(cli.copier.copySecret({ ref: { id: secret!.id } })).rejects.toMatchObject({
      code: 'USE_DENIED',
    })
    expect((await cli.secrets.show({ id: secret!.id })).usages).toEqual([])
  })
})
