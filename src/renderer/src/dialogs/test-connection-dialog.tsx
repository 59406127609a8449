/**
 * "Test connection" for a secret that carries no address of its own (API key, bearer token,
 * certificate): asks where to test it, and optionally which private CA to trust, then shows main's
 * answer in its own words. The CA file crosses to main unparsed; the result never holds a value.
 */
import { useState, type FormEvent, type ReactNode } from 'react'
import { LoaderCircle, PlugZap } from 'lucide-react'
import { CREDENTIAL_TYPE_LABELS } from '../../../shared/domain'
import { Button } from '../components/button'
import { useConnectionTests } from '../store/connection-tests'
import { useSecretsStore } from '../store/secrets-store'
import { ConnectionResult } from '../details/connection-result'
import { CancelButton, DialogShell } from './ui/dialog-shell'
import { Field } from './ui/field'
import { FORM, routeError, type FieldErrors } from './ui/field-errors'
import { MAX_FILE_BYTES, readFileDraft, type FileDraft } from './ui/file-read'
import { FileZone } from './ui/file-zone'
import { FormAlert } from './ui/form-alert'

const HINTS = {
  certificate:
    'A server that asks for this certificate: host:port or https://host[:port]. Only a TLS handshake is made.',
  other:
    'An address of the API this credential belongs to, e.g. https://api.example.com/v1/me: it gets one GET request with the credential’s header. http:// only for localhost.',
}

export function TestConnectionDialog({ id }: { id: string }): ReactNode {
  const closeDialog = useSecretsStore((s) => s.closeDialog)
  const secret = useSecretsStore((s) => s.secrets.find((candidate) => candidate.id === id))
  const test = useConnectionTests((s) => s.test)
  const result = useConnectionTests((s) => s.results[id])
  const [url, setUrl] = useState(() => useConnectionTests.getState().lastUrl[id] ?? '')
  const [ca, setCa] = useState<FileDraft | null>(null)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  const [tested, setTested] = useState(false)

  async function chooseCa(file: File): Promise<void> {
    if (file.size > MAX_FILE_BYTES)
      return setErrors({ ca: 'The CA file is larger than 1 MiB, more than a CA certificate is.' })
    setErrors({})
    setCa(await readFileDraft(file))
  }

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (busy) return
    if (url.trim() === '') return setErrors({ url: 'URL is required: the address to test.' })
    setBusy(true)
    setErrors({})
    setTested(false)
    const answer = await test(id, { url: url.trim(), ...(ca === null ? {} : { ca }) })
    setBusy(false)
    if (!answer.ok) return setErrors(routeError(answer.error, ['url', 'ca']))
    setTested(true)
  }

  const type = secret?.type
  return (
    <DialogShell
      title="Test connection"
      subtitle={
        secret ? `${secret.name} · ${CREDENTIAL_TYPE_LABELS[secret.type]}` : 'The secret is gone.'
      }
      size="small"
      busy={busy}
      onClose={closeDialog}
    >
      <form className="dlg-form" noValidate onSubmit={(event) => void submit(event)}>
        <div className="dlg-body">
          {errors[FORM] && <FormAlert tone="error">{errors[FORM]}</FormAlert>}
          <Field
            label="URL"
            hint={type === 'certificate' ? HINTS.certificate : HINTS.other}
            error={errors['url']}
          >
            {(control) => (
              <input
                {...control}
                className="dlg-input"
                autoComplete="off"
                spellCheck={false}
                inputMode="url"
                placeholder={type === 'certificate' ? 'mtls.example.com:443' : 'https://'}
                value={url}
                onChange={(event) => {
                  setUrl(event.target.value)
                  setErrors({})
                }}
              />
            )}
          </Field>
          <FileZone
            label="Trusted CA certificate"
            inputLabel="Trusted CA certificate file"
            accept=".pem,.crt,.cer,.der"
            kinds="Optional: the private CA that signed the server’s certificate (.pem, .crt, .cer, .der)"
            fileName={ca?.fileName ?? null}
            error={errors['ca']}
            onFile={(file) => void chooseCa(file)}
            onClear={() => setCa(null)}
          />
          {tested && result && <ConnectionResult result={result} />}
        </div>
        <footer className="dlg-footer">
          <CancelButton disabled={busy} />
          <span className="dlg-footer-gap" />
          <Button type="submit" variant="primary" disabled={busy || !secret}>
            {busy ? (
              <LoaderCircle aria-hidden size={16} className="dlg-spin" />
            ) : (
              <PlugZap aria-hidden size={16} />
            )}{' '}
            {busy ? 'Testing…' : 'Test connection'}
          </Button>
        </footer>
      </form>
    </DialogShell>
  )
}
