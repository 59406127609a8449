/**
 * A long-running vault store, as the desktop app's main process holds one: opens the passphrase
 * vault in SAFEHOLD_VAULT_DIR, prints "opened", then for each line on stdin ("refresh") runs it
 * and prints "<line> ok" or "<line> ERR CODE". Bundled and started by the specs that change the
 * vault folder under a running app.
 */
import { createInterface } from 'node:readline'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { openVault } from '../../src/main/vault/vault-access'

async function main(): Promise<void> {
  const vault = await openVault(process.env['SAFEHOLD_VAULT_DIR']!, {
    keychain: memoryKeychain(),
    passphrase: process.env['SAFEHOLD_PASSPHRASE']!,
  })
  process.stdout.write('opened\n')
  for await (const line of createInterface({ input: process.stdin })) {
    try {
      if (line === 'refresh') await vault.store.refresh()
      process.stdout.write(`${line} ok\n`)
    } catch (error) {
      process.stdout.write(`${line} ERR ${(error as { code?: string }).code}\n`)
    }
  }
}
void main()
