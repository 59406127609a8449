import { useState, type ReactNode } from 'react'
import { MAX_KV_FILE_BYTES } from '../../../../shared/secret-rules'
import { call } from '../ui/bridge'
import { readFileDraft } from '../ui/file-read'
import { FileZone } from '../ui/file-zone'
import { newRow, type PairRow } from './form-rules'

interface KvFileZoneProps {
  fileName: string | null
  /** How many rows the last file that was read gave: still what would be registered. */
  rowCount: number
  onRows: (rows: PairRow[], fileName: string) => void
  onClear: () => void
}

/**
 * A `.env` or flat JSON file, parsed by main (`files:parse-kv`: exactly as dotenv reads it, the
 * rules of `register --kv-file`) and shown as editable rows before anything is saved. The window
 * never parses it; the file's bytes are dropped once sent.
 */
export function KvFileZone({ fileName, rowCount, onRows, onClear }: KvFileZoneProps): ReactNode {
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  // A refused file changes nothing: say so, and what would be registered instead.
  const refuse = (message: string): void => setError(`${message} ${keptRows(fileName, rowCount)}`)
  async function read(file: File): Promise<void> {
    setError(undefined)
    if (file.size > MAX_KV_FILE_BYTES) {
      refuse(`"${file.name}" is larger than 1 MiB, too large for a Key/Value file.`)
      return
    }
    setBusy(true)
    try {
      const draft = await readFileDraft(file)
      const result = await call((bridge) => bridge.files.parseKv(draft))
      if (!result.ok) {
        refuse(result.error.message)
        return
      }
      const { pairs } = result.value
      if (pairs.length === 0) {
        refuse(`"${file.name}" holds no keys. Choose a file with at least one KEY=value line.`)
        return
      }
      onRows(
        pairs.map((pair) => newRow(pair.key, pair.value)),
        file.name,
      )
    } catch {
      refuse(`"${file.name}" cannot be read.`)
    } finally {
      setBusy(false)
    }
  }
  return (
    <FileZone
      label="Key/Value file"
      inputLabel="Browse for a Key/Value file"
      accept=".env,.json"
      kinds=".env (KEY=value lines) or a JSON object of strings, up to 1 MiB; nothing is saved before you register"
      fileName={fileName}
      error={error}
      errorKeepsFile
      busy={busy}
      onFile={(file) => void read(file)}
      onClear={() => {
        setError(undefined)
        onClear()
      }}
    />
  )
}

/** What stays after a refused file: the rows of the last good one, or nothing. */
function keptRows(fileName: string | null, rowCount: number): string {
  if (fileName === null || rowCount === 0)
    return 'Nothing was read from it: no keys would be registered.'
  const keys = rowCount === 1 ? '1 key' : `${rowCount} keys`
  return `Nothing was read from it: the ${keys} from "${fileName}" below are still what would be registered.`
}
