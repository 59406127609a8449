/**
 * The wizard's Key/Value file (`files:parse-kv`): read in the kv-file worker, never in the window
 * and never on the main thread, by the rules `register --kv-file` applies. The pairs go back to
 * the window that sent the file, which shows them as rows before anything is saved; it reads no
 * vault state, so it waits in no queue.
 */
import { SafeholdError } from '../../shared/errors'
import { quoted } from '../../shared/name-text'
import { MAX_KV_PAIRS } from '../../shared/secret-rules'
import { kvFileReader, type KvFileReader } from '../secrets/kv-file-reader'
import type { IpcHandlerSpec } from './ipc-handlers'

export function kvFileHandlers(reader: KvFileReader = kvFileReader()): {
  'files:parse-kv': IpcHandlerSpec<'files:parse-kv'>
} {
  return {
    'files:parse-kv': {
      vault: false,
      run: async ({ fileName, dataBase64 }) => {
        // Decoded in the worker too: the main thread only hands the text on and waits.
        const pairs = await reader.read({ fileName, dataBase64 })
        // One Key/Value secret holds at most MAX_KV_PAIRS: more rows would only be refused.
        if (pairs.length > MAX_KV_PAIRS) {
          throw new SafeholdError(
            'INVALID_INPUT',
            `${quoted(fileName, 'The file')} holds ${pairs.length} keys; a Key/Value secret holds at most ${MAX_KV_PAIRS}.`,
            'pairs',
          )
        }
        return { pairs }
      },
    },
  }
}
