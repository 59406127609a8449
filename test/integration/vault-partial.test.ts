/**
 * Opening a vault for one name (what `safehold get` does) reads only that name's secrets, yet
 * everything it writes — the use, a compaction it triggers — keeps every other secret intact.
 */
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { useSecret } from '../../src/main/usage/secret-use'
import { VaultStore } from '../../src/main/vault/vault-store'
import type { StoredSecret, VaultState } from '../../src/main/vault/vault-state'
import { createTestVault, fixedClock, makeTempDir, removeTempDirs } from '../support/vault-fixtures'

afterAll(removeTempDirs)

function apiKey(i: number, scope: StoredSecret['scope'] = { kind: 'personal' }): StoredSecret {
  const at = '2030-01-01T00:00:00.000Z'
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `service-${i}`,
    type: 'api-key',
    scope,
    availability: scope.kind === 'organization' ? { kind: 'organization' } : null,
    fields: { headerName: 'X-Api-Key' },
    values: { value: `value-${i}` },
    keys: [],
    certificate: null,
    createdAt: at,
    updatedAt: at,
    lastUsedAt: null,
    lastActivityAt: at,
    expiresAt: null,
    scheduledAt: null,
    usages: {},
  }
}

/** A vault of 700 secrets (three snapshot chunks) plus a few in the journal. */
async function bigVault(): Promise<Awaited<ReturnType<typeof createTestVault>>> {
  const vault = await createTestVault(join(makeTempDir('partial'), 'vault'))
  const ops = Array.from({ length: 700 }, (_, i) => ({
    op: 'secret.put' as const,
    secret: apiKey(i),
  }))
  await vault.store.transact(() => ({ ops, result: null, compact: true }))
  await vault.store.transact(() => ({
    ops: [
      { op: 'secret.put', secret: apiKey(700) },
      // The same name in another scope lives in the journal only.
      { op: 'secret.put', secret: { ...apiKey(701, { kind: 'organization' }), name: 'service-5' } },
    ],
    result: null,
  }))
  return vault
}

const names = (state: VaultState): string[] =>
  Object.values(state.secrets)
    .map((s) => `${s.name}@${s.scope.kind}`)
    .sort()

describe('opening a vault for one name', () => {
  it('reads only the secrets of that name, from the snapshot and the journal, in every scope', async () => {
    const vault = await bigVault()
    const narrow = await VaultStore.openForNames(vault.dir, vault.vaultId, vault.key, ['SERVICE-5'])
    expect(names(narrow.state)).toEqual(['service-5@organization', 'service-5@personal'])
    const fromJournal = await VaultStore.openForNames(vault.dir, vault.vaultId, vault.key, [
      'service-700',
    ])
    expect(names(fromJournal.state)).toEqual(['service-700@personal'])
    const absent = await VaultStore.openForNames(vault.dir, vault.vaultId, vault.key, [
      'no-such-name',
    ])
    expect(names(absent.state)).toEqual([])
    expect(narrow.state.profile).toEqual(vault.store.state.profile)
  })

  it('records a use through the narrow view without losing any other secret, even when it compacts', async () => {
    const vault = await bigVault()
    const narrow = await VaultStore.openForNames(vault.dir, vault.vaultId, vault.key, [
      'service-42',
    ])
    const clock = fixedClock()
    const used = await useSecret(narrow, clock, { ref: { name: 'service-42' }, consumer: 'deploy' })
    expect(used.value).toBe('value-42')
    await narrow.compact()
    // The narrow view stays narrow after compacting…
    expect(names(narrow.state)).toEqual(['service-42@personal'])
    // …while the vault on disk still holds every secret, and the use.
    const whole = await VaultStore.open(vault.dir, vault.vaultId, vault.key)
    expect(Object.keys(whole.state.secrets)).toHaveLength(702)
    const secret = Object.values(whole.state.secrets).find((s) => s.name === 'service-42')!
    expect(secret.usages['deploy']).toMatchObject({ count: 1 })
    expect(
      whole.state.audit.some((e) => e.action === 'used' && e.secretName === 'service-42'),
    ).toBe(true)
    expect(
      Object.values(whole.state.secrets).find((s) => s.name === 'service-699')!.values,
    ).toEqual({
      value: 'value-699',
    })
  })
})
