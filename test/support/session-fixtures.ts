/**
 * A vault session over a throwaway vault, as the app builds it but with test ports: a memory
 * keychain, a fake clock, fake timers when asked, a recording notifier, a memory clipboard, a
 * folder picker that answers what the test says, and OS verification on demand.
 */
import type { CertificateReader } from '../../src/main/certificates/certificate-reader'
import type { FolderPicker, OsVerification } from '../../src/main/app/session-ports'
import { VaultSession } from '../../src/main/app/vault-session'
import { memoryKeychain, type Keychain } from '../../src/main/keychain/keychain'
import type { KeychainStatus } from '../../src/main/keychain/keychain-worker'
import { recordingNotifier } from '../../src/main/lifecycle/notifier'
import { memoryClipboard, type Timers } from '../../src/main/usage/clipboard'
import { fixedClock } from './vault-fixtures'

export interface SessionSetup {
  vaultDir: string
  keychain?: Keychain
  clock?: ReturnType<typeof fixedClock>
  timers?: Timers
  keychainStatus?: KeychainStatus
  osVerification?: OsVerification | null
  certificateReader?: CertificateReader
}

export function testSession(setup: SessionSetup) {
  const keychain = setup.keychain ?? memoryKeychain()
  const clock = setup.clock ?? fixedClock(new Date(Date.now() + 60_000).toISOString())
  const notifier = recordingNotifier()
  const clipboard = memoryClipboard()
  const picks: (string | null)[] = []
  const remembered: string[] = []
  const folderPicker: FolderPicker = { pick: () => Promise.resolve(picks.shift() ?? null) }
  const status = setup.keychainStatus ?? { available: true, label: keychain.label, reason: null }
  const errors: unknown[] = []
  const session = new VaultSession({
    vaultDir: setup.vaultDir,
    clock,
    ...(setup.timers === undefined ? {} : { timers: setup.timers }),
    keychain,
    keychainStatus: () => Promise.resolve(status),
    folderPicker,
    osVerification: setup.osVerification ?? null,
    remember: (dir) => remembered.push(dir),
    notifier,
    services: {
      clipboard,
      ...(setup.certificateReader === undefined
        ? {}
        : { certificateReader: setup.certificateReader }),
    },
    onError: (error) => errors.push(error),
  })
  return { session, keychain, clock, notifier, clipboard, picks, remembered, errors }
}
