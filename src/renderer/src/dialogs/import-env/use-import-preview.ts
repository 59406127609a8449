/**
 * Main's preview of an import, kept current as the dialog changes: asked a moment after the last
 * change, and an answer to an older request is dropped, so what is shown always matches the
 * form. A request main refuses (the file cannot be read) becomes a preview with that one problem.
 */
import { useEffect, useRef, useState } from 'react'
import type { IpcRequest } from '../../../../shared/ipc-contract'
import { call } from '../ui/bridge'
import type { ImportPreview } from './import-env-model'

const SETTLE_MS = 250

export function useImportPreview(request: IpcRequest<'import:env'> | null): {
  preview: ImportPreview | null
  checking: boolean
} {
  const [preview, setPreview] = useState<ImportPreview | null>(null)
  const [checking, setChecking] = useState(false)
  const latest = useRef(0)
  useEffect(() => {
    const asked = ++latest.current
    if (request === null) {
      setPreview(null)
      setChecking(false)
      return
    }
    setChecking(true)
    const timer = window.setTimeout(() => {
      void call((bridge) => bridge.import.previewEnv(request)).then((result) => {
        if (asked !== latest.current) return
        setChecking(false)
        setPreview(
          result.ok
            ? result.value
            : {
                keys: [],
                secrets: [],
                problems: [
                  {
                    code: result.error.code,
                    field: result.error.field ?? 'pairs',
                    message: result.error.message,
                  },
                ],
              },
        )
      })
    }, SETTLE_MS)
    return () => window.clearTimeout(timer)
  }, [request])
  return { preview, checking }
}
