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
  /** The error is about a file that was refused, and `fileName` is still the good one before it. */
  errorKeepsFile?: boolean
  busy?: boolean
  busyText?: string
  onFile: (file: File) => void
  onClear?: () => void
}

/** A react-dropzone zone: drop a file on it, or press it (Enter/Space/click) to browse. */
export function FileZone(props: FileZoneProps): ReactNode {
  const { label, inputLabel, accept, kinds, fileName, error, busy, onFile, onClear } = props
  const id = useId()
  const fileRefused = error !== undefined && !(props.errorKeepsFile && fileName !== null)
  const { getRootProps, getInputProps, isDragActive } = useDropzone({
    multiple: false,
    noPaste: true,
    onDrop(accepted: File[], rejected: FileRejection[]) {
      const file = accepted[0] ?? rejected[0]?.file
      if (file) onFile(file)
    },
  })
  // Named by its label alone ("Certificate", DESIGN §6.3); what it says inside is its description,
  // hidden from the name computation so the name and the visible text cannot disagree.
  const describedBy = [`${id}-text`, error ? `${id}-error` : ''].filter(Boolean).join(' ')
  return (
    <div className="dlg-field" data-invalid={fileRefused ? '' : undefined}>
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
          'aria-invalid': fileRefused ? true : undefined,
          className: 'dlg-dropzone',
          'data-active': isDragActive ? '' : undefined,
          'data-filled': fileName ? '' : undefined,
        })}
      >
        {busy ? (
          <LoaderCircle aria-hidden size={20} className="dlg-spin" />
        ) : fileName ? (
          fileRefused ? (
            <FileX2 aria-hidden size={20} />
          ) : (
            <FileCheck2 aria-hidden size={20} />
          )
        ) : (
          <Upload aria-hidden size={20} />
        )}
        <span id={`${id}-text`} className="dlg-dropzone-text" aria-hidden>
          <strong className="dlg-file-name">
            {fileName ?? (isDragActive ? 'Drop the file here' : 'Drop a file here or browse')}
          </strong>
          {fileName && (
            <span>
              {busy ? (props.busyText ?? 'Reading…') : 'Drop another file or browse to replace it'}
            </span>
          )}
          <span className={fileName ? 'dlg-visually-hidden' : undefined}>{kinds}</span>
        </span>
      </div>
      <input {...getInputProps({ accept, 'aria-label': inputLabel })} />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  )
}
