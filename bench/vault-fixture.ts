/**
 * Builds the benchmark vault through the real store: createVault, then one transaction that puts
 * every secret and compacts, so the files on disk are exactly what Safehold writes (sealed
 * snapshot, fresh journal, backup of the generation it replaced) without 10,000 fsyncs.
 */
import { statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Keychain } from '../src/main/keychain/keychain'
import { createVault } from '../src/main/vault/vault-access'
import { JOURNAL_FILE } from '../src/main/vault/journal-file'
import { SNAPSHOT_FILE } from '../src/main/vault/snapshot-file'
import type { AuditEntry, VaultOp } from '../src/main/vault/vault-state'
import type { CredentialType } from '../src/shared/domain'
import { BENCH_WORKSPACES, SecretFactory, TARGET_NAME, type MixSummary } from './sample-secrets'

export interface BenchVault {
  dir: string
  /** The same state as plain JSON, for the open baseline. */
  plainPath: string
  plainBytes: number
  snapshotBytes: number
  mix: MixSummary
  buildMs: number
}

export async function buildBenchVault(
  dir: string,
  plainPath: string,
  options: { keychain: Keychain; passphrase: string | null; count: number; now: Date },
): Promise<BenchVault> {
  const started = performance.now()
  const { store } = await createVault(
    dir,
    {
      profile: { organization: 'Bench Org', user: 'bench', role: 'account-holder' },
      passphrase: options.passphrase,
      now: options.now,
    },
    { keychain: options.keychain, passphrase: null },
  )
  const factory = new SecretFactory(options.now)
  const ops: VaultOp[] = BENCH_WORKSPACES.map((name) => ({ op: 'workspace.add', name }))
  const audit: AuditEntry[] = []
  const byType: Record<CredentialType, number> = {
    'api-key': 0,
    'bearer-token': 0,
    'client-credentials': 0,
    certificate: 0,
    'key-value': 0,
  }
  for (let index = 0; index < options.count; index++) {
    const made = factory.secret(index, index === 0 ? TARGET_NAME : undefined)
    byType[made.secret.type]++
    ops.push({ op: 'secret.put', secret: made.secret })
    audit.push(...made.audit)
  }
  audit.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
  for (const entry of audit) ops.push({ op: 'audit', entry })
  await store.transact(() => ({ ops, result: null, compact: true }))

  const plain = JSON.stringify(store.state)
  writeFileSync(plainPath, plain, { mode: 0o600 })
  return {
    dir,
    plainPath,
    plainBytes: Buffer.byteLength(plain),
    snapshotBytes: statSync(join(dir, SNAPSHOT_FILE)).size,
    mix: {
      secrets: options.count,
      byType,
      auditEntries: store.state.audit.length,
    },
    buildMs: performance.now() - started,
  }
}

export function journalBytes(dir: string): number {
  return statSync(join(dir, JOURNAL_FILE)).size
}
