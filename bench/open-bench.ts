/**
 * §8 "open (keychain key) ≤ 2× reading + JSON.parse of the same data unencrypted", and what an
 * open is made of (keychain round trip, snapshot read, AES-GCM, UTF-8 decoding, JSON.parse, GC),
 * from a V8 sampling profile of 5 more opens.
 */
import { readFileSync } from 'node:fs'
import { openVault, type KeySources } from '../src/main/vault/vault-access'
import { formatBreakdown, PROFILE_NOTE, round2All, type Outcome } from './bench-report'
import { hotspots } from './cpu-profile'
import { paired, timeAsync, timeSync } from './measure'
import type { BenchVault } from './vault-fixture'

export async function benchOpen(
  vault: BenchVault,
  sources: KeySources,
  keyLabel: string,
  bundlePath: string,
): Promise<Outcome> {
  const { subject, baseline } = await paired(
    9,
    2,
    () => timeAsync(() => openVault(vault.dir, sources)),
    () => timeSync(() => void JSON.parse(readFileSync(vault.plainPath, 'utf8'))),
  )
  const breakdown = await hotspots(bundlePath, 5, () => openVault(vault.dir, sources))
  return {
    row: {
      id: 'open',
      label: `open 10k vault (${keyLabel})`,
      unit: 'ms',
      value: subject,
      baseline,
      baselineLabel: 'read + JSON.parse plain JSON',
      target: { maxRatio: 2 },
    },
    details: [
      formatBreakdown(
        `where open's ${subject.median.toFixed(1)} ms go: self time per open, V8 sampling profile of 5 more`,
        breakdown,
      ),
      PROFILE_NOTE,
    ],
    extra: { hotspots: round2All(breakdown) },
  }
}
