import { useId, type ReactNode } from 'react'
import { useDropzone, type FileRejection } from 'react-dropzone'
import { FileCheck2, FileX2, LoaderCircle, Upload, X } from 'lucide-react'
import { FieldError } from './field'

interface FileZoneProps {
  /** The zone's accessible name, e.g. "Certificate" (DESIGN.md §1.1). */
  label: string
  /** The hidden file input's name, for browsing in tests: "Certificate file". */
  inputLabel: string
  /** The browse dialog's filter, e.g. ".pem,.crt". Drops are not filtered: main says why a file is wrong. */
  accept: string
  /** What the zone takes, e.g. ".pem, .crt, .cer, .der, .p12 or .pfx". */
  kinds: string
  fileName: string | null
  error?: string | undefined
  busy?: boolean
  busyText?: string
  onFile: (file: File) => void
  onClear?: () => void
}

/** A react-dropzone zone: drop a file on it, or press it (Enter/Space/click) to browse. */
export function FileZone(props: FileZoneProps): ReactNode {
  const { label, inputLabel, accept, kinds, fileName, error, busy, onFile, onClear } = props
  const id = useId()
  const { getRootProps, getInputProps, isDragActive } = useDropzone({
    multiple: false,
    noPaste: true,
    onDrop(accepted: File[], rejected: FileRejection[]) {
      const file = accepted[0] ?? rejected[0]?.file
      if (file) onFile(file)
    },
  })
  const describedBy = [`${id}-kinds`, error ? `${id}-error` : ''].filter(Boolean).join(' ')
  return (
    <div className="dlg-field" data-invalid={error ? '' : undefined}>
      <div className="dlg-label-row">
        <span id={`${id}-label`} className="dlg-label">
          {label}
        </span>
        {fileName && onClear && (
          <button type="button" className="dlg-link-button" onClick={onClear}>
            <X aria-hidden size={14} /> Remove {label.toLowerCase()}
          </button>
        )}
      </div>
      <div
        {...getRootProps({
          role: 'button',
          'aria-labelledby': `${id}-label`,
          'aria-describedby': describedBy,
          'aria-invalid': error ? true : undefined,
          className: 'dlg-dropzone',
          'data-active': isDragActive ? '' : undefined,
          'data-filled': fileName ? '' : undefined,
        })}
      >
        {busy ? (
          <LoaderCircle aria-hidden size={20} className="dlg-spin" />
        ) : fileName ? (
          error ? (
            <FileX2 aria-hidden size={20} />
          ) : (
            <FileCheck2 aria-hidden size={20} />
          )
        ) : (
          <Upload aria-hidden size={20} />
        )}
        <span className="dlg-dropzone-text">
          <strong className="dlg-file-name">
            {fileName ?? (isDragActive ? 'Drop the file here' : 'Drop a file here or browse')}
          </strong>
          {fileName && (
            <span>
              {busy ? (props.busyText ?? 'Reading…') : 'Drop another file or browse to replace it'}
            </span>
          )}
          <span id={`${id}-kinds`} className={fileName ? 'dlg-visually-hidden' : undefined}>
            {kinds}
          </span>
        </span>
      </div>
      <input {...getInputProps({ accept, 'aria-label': inputLabel })} />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  )
}
