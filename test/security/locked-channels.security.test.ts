/**
 * Threat: a locked Safehold still answers. While the vault is locked (or before there is one),
 * the window's page — or anything that gets to send as it — could keep calling the channels that
 * serve an open vault: list the secrets, read their metadata, copy a value, change a setting, or
 * make main read a certificate file. Every channel but the session's vault:* ones is refused with
 * VAULT_LOCKED (NO_VAULT before a vault exists) before its payload is read and without any work
 * done; and no answer in that phase — vault:state included — carries a secret's name, id, any of
 * its metadata, the profile's names, or a value.
 */
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CHANNELS, type Channel } from '../../src/shared/ipc-contract'
import type { CertificateReader } from '../../src/main/certificates/certificate-reader'
import { OWN_PAGE, sessionRouter } from '../support/session-router'
import { testSession } from '../support/session-fixtures'
import { makeTempDir, removeTempDirs } from '../support/vault-fixtures'

afterAll(removeTempDirs)

const ID = '0b9e1f64-3c1a-4d7e-9a55-3f0c2a6b7d10'
const SECRETS = {
  name: 'acme-prod-stripe-key',
  header: 'X-Acme-Billing-Header',
  value: 'sk_live_locked_channels_9f3e21',
  workspace: 'Treasury-Team',
  organization: 'Acme Holdings Intl',
  user: 'Grace Hopper-Locked',
}

/** A well-formed request per channel, so a refusal cannot be a validation failure. */
const REQUESTS: Partial<Record<Channel, unknown>> = {
  'app:state': {},
  'profile:update': { user: 'Someone Else' },
  'workspaces:add': { name: 'Another' },
  'workspaces:rename': { from: SECRETS.workspace, to: 'Renamed' },
  'secrets:list': {},
  'secrets:show': { id: ID },
  'secrets:history': { id: ID },
  'secrets:register': {
    type: 'api-key',
    name: 'planted-while-locked',
    scope: { kind: 'personal' },
    fields: { headerName: 'X-Planted', value: 'planted-value-0001' },
  },
  'secrets:edit': { id: ID, fields: { headerName: 'X-Changed' } },
  'secrets:delete-now': { id: ID, confirm: 'DELETE' },
  'secrets:schedule-deletion': { id: ID, confirm: 'DELETE' },
  'secrets:cancel-deletion': { id: ID },
  'secrets:copy': { id: ID },
  'secrets:restore-previous': { id: ID },
  'notifications:list': {},
  'notifications:mark-all-read': {},
  'settings:get': {},
  'settings:update': { autoLockMinutes: 240 },
  'app:take-navigation': {},
  'certificates:inspect': {
    certificate: { fileName: 'leaf.pem', dataBase64: Buffer.from('not read').toString('base64') },
  },
}

const OTHER_CHANNELS = CHANNELS.filter((channel) => !channel.startsWith('vault:'))

function spyReader(): CertificateReader & { reads: number } {
  const reader = {
    reads: 0,
    read: () => {
      reader.reads++
      return Promise.reject(new Error('a locked Safehold must not read certificate files'))
    },
  }
  return reader
}

function expectNothingOfTheVault(answers: string[], ids: string[]): void {
  const text = answers.join('\n')
  for (const secret of [...Object.values(SECRETS), ...ids]) expect(text).not.toContain(secret)
}

describe('a locked Safehold', () => {
  it('refuses every channel but vault:*, before reading its payload, and tells nothing', async () => {
    const reader = spyReader()
    const made = testSession({
      vaultDir: join(makeTempDir('locked'), 'vault'),
      certificateReader: reader,
    })
    const { session, clipboard } = made
    const { ok, call, router, answers } = sessionRouter(session)
    await session.start({ passphrase: null })
    await ok('vault:create', {
      organization: SECRETS.organization,
      user: SECRETS.user,
      protection: 'keychain',
    })
    await ok('workspaces:add', { name: SECRETS.workspace })
    const saved = await ok('secrets:register', {
      type: 'api-key',
      name: SECRETS.name,
      scope: { kind: 'workspace', workspace: SECRETS.workspace },
      fields: { headerName: SECRETS.header, value: SECRETS.value },
    })
    await ok('secrets:copy', { id: saved.secret.id })
    expect(clipboard.readText()).toBe(SECRETS.value)
    const ids = [saved.secret.id]

    await ok('vault:lock', {})
    answers.length = 0
    for (const channel of OTHER_CHANNELS) {
      for (const payload of [REQUESTS[channel] ?? {}, { junk: true }, null, '__proto__']) {
        const result = await router.dispatch(channel, payload, OWN_PAGE)
        answers.push(JSON.stringify(result))
        expect(result, channel).toEqual({
          ok: false,
          error: { code: 'VAULT_LOCKED', message: 'Safehold is locked; unlock it to continue.' },
        })
      }
    }
    expect(reader.reads).toBe(0)
    // The session's own channels answer, and say nothing of the vault's content either.
    for (const channel of ['vault:state', 'vault:touch', 'vault:lock'] as const) {
      await call(channel, {})
    }
    await call('vault:add-passphrase', { passphrase: 'a new passphrase here' })
    await call('vault:open-folder', {})
    await call('vault:create', { organization: 'Other', user: 'Other', protection: 'keychain' })
    expectNothingOfTheVault(answers, ids)
    expect(clipboard.readText()).toBe('')

    // Unlocked, the same channels answer again: the refusals came from the lock.
    await ok('vault:unlock', {})
    expect((await ok('secrets:list', {})).map((secret) => secret.name)).toEqual([SECRETS.name])
  })

  it('before any vault exists, refuses every channel but vault:* as NO_VAULT', async () => {
    const reader = spyReader()
    const { session } = testSession({
      vaultDir: join(makeTempDir('no-vault'), 'vault'),
      certificateReader: reader,
    })
    const { router } = sessionRouter(session)
    await session.start({ passphrase: null })
    for (const channel of OTHER_CHANNELS) {
      const result = await router.dispatch(channel, REQUESTS[channel] ?? {}, OWN_PAGE)
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'NO_VAULT' } })
    }
    expect(reader.reads).toBe(0)
  })

  it('still refuses a stranger first: the sender check comes before the lock', async () => {
    const { session } = testSession({ vaultDir: join(makeTempDir('stranger'), 'vault') })
    const { router } = sessionRouter(session)
    await session.start({ passphrase: null })
    for (const channel of ['vault:state', 'secrets:list']) {
      expect(await router.dispatch(channel, {}, { url: 'https://evil.example/' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN_SENDER' },
      })
    }
  })
})
