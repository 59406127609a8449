import { useEffect, useRef, type ReactNode } from 'react'
import { Field } from '../ui/field'
import type { FieldErrors } from '../ui/field-errors'
import { FileZone } from '../ui/file-zone'
import { FormAlert } from '../ui/form-alert'
import { SecretInput } from '../ui/secret-input'
import type { CertificateDraft } from './certificate-draft'
import { CertificateFactsView } from './certificate-facts'
import type { FormMode } from './form-rules'

interface CertificateFieldsProps {
  draft: CertificateDraft
  errors: FieldErrors
  mode: FormMode
}

/**
 * The certificate zone, its password when it needs one, the private-key zone, and the facts main
 * read. At registration the expiration date shows the certificate's not-after, read-only.
 */
export function CertificateFields({ draft, errors, mode }: CertificateFieldsProps): ReactNode {
  const { cert } = draft
  const passwordShown = useRef(false)
  const passwordBox = useRef<HTMLDivElement>(null)
  // When a dropped file turns out to need a password, the password field is where to type next.
  useEffect(() => {
    if (cert.askPassword && !passwordShown.current) {
      passwordBox.current?.querySelector('input')?.focus()
    }
    passwordShown.current = cert.askPassword
  }, [cert.askPassword])
  const notAfter = cert.facts ? cert.facts.notAfter.slice(0, 10) : ''
  return (
    <>
      <FileZone
        label="Certificate"
        inputLabel="Certificate file"
        accept=".pem,.crt,.cer,.der,.p12,.pfx"
        kinds={
          mode === 'edit'
            ? 'To replace it: PEM or DER (.pem .crt .cer .der) or PKCS#12 (.p12 .pfx), up to 1 MiB'
            : 'PEM or DER (.pem .crt .cer .der, a PEM may carry its chain) or PKCS#12 (.p12 .pfx), up to 1 MiB'
        }
        fileName={cert.certificate?.fileName ?? null}
        error={errors['certificate']}
        busy={cert.checking}
        busyText="Reading the certificate…"
        onFile={(file) => void draft.setCertificateFile(file)}
        onClear={draft.clearCertificate}
      />
      {cert.askPassword && (
        <div ref={passwordBox}>
          <Field
            label="Certificate password"
            hint="The password of the .p12/.pfx file, or the passphrase of an encrypted private key."
            error={errors['certificatePassword']}
          >
            {(control) => (
              <SecretInput
                {...control}
                value={cert.password}
                onChange={draft.setPassword}
                onBlur={() => {
                  if (cert.certificate && cert.password !== '') void draft.check()
                }}
              />
            )}
          </Field>
        </div>
      )}
      {cert.warnings.map((warning) => (
        <FormAlert key={warning} tone="warning">
          {warning}
        </FormAlert>
      ))}
      {cert.facts && (
        <CertificateFactsView
          title={mode === 'edit' ? 'Read from the new certificate' : 'Read from the certificate'}
          facts={cert.facts}
          hasPrivateKey={cert.hasPrivateKey}
        />
      )}
      <FileZone
        label="Private key"
        inputLabel="Private key file"
        accept=".key"
        kinds={
          mode === 'edit'
            ? 'Optional: a new .key file (PEM) that belongs to the certificate'
            : 'Optional: a .key file (PEM: PKCS#8, PKCS#1 or SEC1); a .p12/.pfx may already carry it'
        }
        fileName={cert.privateKey?.fileName ?? null}
        error={errors['privateKey']}
        onFile={(file) => void draft.setKeyFile(file)}
        onClear={draft.clearKey}
      />
      {mode === 'register' && (
        <Field
          label="Expiration date"
          hint="Read from the certificate (its not-after date); it cannot be changed."
        >
          {(control) => (
            <input
              {...control}
              className="dlg-input dlg-input--date"
              type="date"
              readOnly
              value={notAfter}
            />
          )}
        </Field>
      )}
    </>
  )
}
