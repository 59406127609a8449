/**
 * "Import .env" (DESIGN §6.3, §6.4): a `.env` file dropped or chosen, previewed by main — its keys
 * and the secrets it would become, never a value — then imported as one Key/Value secret or one
 * per key, into the scope chosen here. Every problem main finds (a name taken, a key that cannot
 * be a name, a value refused) is shown beside its field before anything is saved; the import adds
 * every secret or none.
 */
import { useMemo, useState, type FormEvent, type ReactNode } from 'react'
import { FileUp, LoaderCircle } from 'lucide-react'
import { MAX_KV_FILE_BYTES } from '../../../../shared/secret-rules'
import { Button } from '../../components/button'
import { useSecretsStore } from '../../store/secrets-store'
import { initialDraft } from '../register/wizard-model'
import { ScopeStep } from '../register/scope-step'
import { call } from '../ui/bridge'
import { ChoiceCards } from '../ui/choice-cards'
import { CancelButton, DialogShell } from '../ui/dialog-shell'
import { Field } from '../ui/field'
import { FORM, type FieldErrors } from '../ui/field-errors'
import { readFileDraft } from '../ui/file-read'
import { FileZone } from '../ui/file-zone'
import { FormAlert } from '../ui/form-alert'
import {
  fieldOf,
  importRequest,
  nameFromFile,
  problemsByField,
  type ImportDraft,
  type ImportMode,
  type ImportPreview,
} from './import-env-model'
import { useImportPreview } from './use-import-preview'

const MODES = [
  {
    value: 'one' as const,
    label: 'One Key/Value secret',
    description: 'Every key of the file in one secret, under the name you give.',
  },
  {
    value: 'per-key' as const,
    label: 'One secret per key',
    description: 'A Key/Value secret for each key, named after the key.',
  },
]

export function ImportEnvDialog(): ReactNode {
  const { closeDialog, toast, refresh, setScope } = useSecretsStore.getState()
  const profile = useSecretsStore((s) => s.profile)
  const tab = useSecretsStore((s) => s.scope)
  const [draft, setDraft] = useState<ImportDraft>(() => ({
    file: null,
    mode: 'one',
    name: '',
    place: initialDraft(profile, tab),
  }))
  const [fileError, setFileError] = useState<string>()
  const [reading, setReading] = useState(false)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  const request = useMemo(() => importRequest(draft), [draft])
  const { preview, checking } = useImportPreview(request)
  const problems = useMemo(() => problemsByField(preview, draft.mode), [preview, draft.mode])
  const shown = (field: string): string | undefined => errors[field] ?? problems[field]

  const change = (next: Partial<ImportDraft>): void => {
    setDraft((current) => ({ ...current, ...next }))
    setErrors({})
  }

  async function choose(file: File): Promise<void> {
    setFileError(undefined)
    if (file.size > MAX_KV_FILE_BYTES) {
      setFileError(`"${file.name}" is larger than 1 MiB, too large for a .env file.`)
      return
    }
    setReading(true)
    try {
      const read = await readFileDraft(file)
      setDraft((current) => ({
        ...current,
        file: read,
        name: current.name === '' ? nameFromFile(read.fileName) : current.name,
      }))
      setErrors({})
    } catch {
      setFileError(`"${file.name}" cannot be read.`)
    } finally {
      setReading(false)
    }
  }

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (busy || request === null) return
    setBusy(true)
    const result = await call((bridge) => bridge.import.env(request))
    setBusy(false)
    if (!result.ok) {
      const field = fieldOf(result.error.field, draft.mode)
      setErrors({ [field === 'form' ? FORM : field]: result.error.message })
      return
    }
    const count = result.value.secrets.length
    const { place } = draft
    closeDialog()
    setScope(
      place.scope === 'workspace'
        ? { kind: 'workspace', workspace: place.workspace }
        : { kind: place.scope ?? 'personal' },
    )
    await refresh()
    toast(`Imported ${count === 1 ? '1 secret' : `${count} secrets`} from the .env file.`)
  }

  const ready =
    request !== null && preview !== null && preview.problems.length === 0 && !checking && !busy
  return (
    <DialogShell
      title="Import .env"
      subtitle="Each key of the file becomes a Key/Value pair. The values are read by Safehold only and never shown here."
      size="large"
      busy={busy}
      dirty={draft.file !== null}
      onClose={closeDialog}
    >
      <form className="dlg-form" noValidate onSubmit={(event) => void submit(event)}>
        <div className="dlg-body">
          {errors[FORM] && <FormAlert tone="error">{errors[FORM]}</FormAlert>}
          <FileZone
            label=".env file"
            inputLabel="Browse for a .env file"
            accept=".env,.json,text/plain"
            kinds=".env (KEY=value lines) or a JSON object of strings, up to 1 MiB"
            fileName={draft.file?.fileName ?? null}
            error={fileError ?? shown('file')}
            errorKeepsFile={fileError !== undefined}
            busy={reading}
            onFile={(file) => void choose(file)}
          />
          {preview !== null && preview.keys.length > 0 && <KeyList keys={preview.keys} />}
          <ChoiceCards<ImportMode>
            label="Import as"
            value={draft.mode}
            onChange={(mode) => change({ mode })}
            choices={MODES}
            columns={2}
            error={shown('mode')}
          />
          {draft.mode === 'one' && (
            <Field
              label="Secret name"
              hint="3–64 letters, digits, “-”, “_” and “.”; unique in its scope."
              error={shown('name')}
            >
              {(control) => (
                <input
                  {...control}
                  className="dlg-input dlg-mono"
                  autoComplete="off"
                  spellCheck={false}
                  value={draft.name}
                  onChange={(event) => change({ name: event.target.value })}
                />
              )}
            </Field>
          )}
          <ScopeStep
            draft={draft.place}
            profile={profile}
            errors={{
              scope: shown('scope'),
              workspace: shown('workspace'),
              availability: shown('availability'),
            }}
            onChange={(place) => change({ place: { ...draft.place, ...place } })}
          />
          <WillCreate preview={preview} checking={checking} />
        </div>
        <footer className="dlg-footer">
          <CancelButton disabled={busy} />
          <span className="dlg-footer-gap" />
          <Button type="submit" variant="primary" icon={<FileUp />} disabled={!ready}>
            {busy && <LoaderCircle aria-hidden size={16} className="dlg-spin" />} Import
          </Button>
        </footer>
      </form>
    </DialogShell>
  )
}

function KeyList({ keys }: { keys: readonly string[] }): ReactNode {
  return (
    <div className="dlg-field">
      <span className="dlg-label">
        {keys.length === 1 ? '1 key in the file' : `${keys.length} keys in the file`}
      </span>
      <ul className="tag-chips" aria-label="Keys in the file">
        {keys.map((key) => (
          <li key={key} className="tag-chip dlg-mono">
            {key}
          </li>
        ))}
      </ul>
    </div>
  )
}

/** What "Import" will add, as main planned it: names and keys. */
function WillCreate({
  preview,
  checking,
}: {
  preview: ImportPreview | null
  checking: boolean
}): ReactNode {
  if (preview === null)
    return checking ? (
      <p className="dlg-hint" role="status">
        Reading the file…
      </p>
    ) : null
  const secrets = preview.secrets
  return (
    <section className="dlg-field" aria-label="Secrets to create">
      <span className="dlg-label">
        {secrets.length === 1
          ? 'Will create 1 Key/Value secret'
          : `Will create ${secrets.length} Key/Value secrets`}
      </span>
      <dl className="dlg-summary">
        {secrets.map((secret, index) => (
          <div key={`${index}-${secret.name}`} className="dlg-summary-row">
            <dt className="dlg-mono">{secret.name}</dt>
            <dd className="dlg-mono">{secret.keys.join(', ')}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
