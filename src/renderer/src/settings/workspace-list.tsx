/**
 * Settings: the vault's workspaces, each renamed in place (DESIGN §1.2). The new name follows the
 * rules of names of places; a refusal stands beside the field, and the row keeps what was typed.
 * Escape or Cancel puts the row back as it was.
 */
import { FolderClosed, Pencil } from 'lucide-react'
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { normalizeName } from '../../../shared/name-text'
import { Button } from '../components/button'
import { useDirtyForm } from '../dialogs/ui/dirty-form'
import { renameWorkspace } from '../store/profile-actions'

export function WorkspaceList({
  workspaces,
}: {
  workspaces: readonly string[]
}): React.JSX.Element {
  const [editing, setEditing] = useState<string | null>(null)
  /** The row whose Rename button takes focus when it appears (after a rename or a cancel). */
  const [focusRow, setFocusRow] = useState<string | null>(null)
  return (
    <ul className="workspace-list" aria-label="Workspaces">
      {workspaces.map((workspace) =>
        editing === workspace ? (
          <RenameRow
            key={workspace}
            workspace={workspace}
            onDone={(name) => {
              setEditing(null)
              setFocusRow(name)
            }}
          />
        ) : (
          <li key={workspace} className="workspace-list__item">
            <FolderClosed aria-hidden="true" />
            <span className="workspace-list__name">{workspace}</span>
            <RenameButton
              workspace={workspace}
              focus={focusRow === workspace}
              onClick={() => {
                setFocusRow(null)
                setEditing(workspace)
              }}
            />
          </li>
        ),
      )}
    </ul>
  )
}

function RenameButton(props: {
  workspace: string
  focus: boolean
  onClick: () => void
}): React.JSX.Element {
  const button = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (props.focus) button.current?.focus()
  }, [props.focus])
  return (
    <Button
      ref={button}
      size="sm"
      variant="ghost"
      icon={<Pencil />}
      aria-label={`Rename ${props.workspace}`}
      onClick={props.onClick}
    >
      Rename
    </Button>
  )
}

function RenameRow(props: {
  workspace: string
  /** Called with the row's name afterwards: the new one, or the old one when nothing changed. */
  onDone: (name: string) => void
}): React.JSX.Element {
  const { workspace, onDone } = props
  const [name, setName] = useState(workspace)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const errorId = useId()
  useDirtyForm(name !== workspace)
  useEffect(() => input.current?.select(), [])

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (busy) return
    if (normalizeName(name) === workspace) return onDone(workspace)
    setBusy(true)
    const failure = await renameWorkspace(workspace, name)
    setBusy(false)
    if (failure !== null) {
      setError(failure.message)
      return input.current?.focus()
    }
    onDone(normalizeName(name))
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key !== 'Escape' || busy) return
    event.preventDefault()
    onDone(workspace)
  }

  return (
    <li className="workspace-list__item workspace-list__item--editing">
      <form
        className="workspace-rename"
        noValidate
        onSubmit={(event) => void submit(event)}
        onKeyDown={onKeyDown}
      >
        <div className="settings-form__row">
          <input
            ref={input}
            className="input"
            aria-label={`New name for ${workspace}`}
            autoComplete="off"
            value={name}
            disabled={busy}
            aria-invalid={error !== null}
            aria-describedby={error !== null ? errorId : undefined}
            onChange={(event) => {
              setName(event.target.value)
              setError(null)
            }}
          />
          <Button type="submit" variant="primary" disabled={busy}>
            Save
          </Button>
          <Button variant="ghost" disabled={busy} onClick={() => onDone(workspace)}>
            Cancel
          </Button>
        </div>
        {error !== null && (
          <p id={errorId} className="field__error">
            {error}
          </p>
        )}
      </form>
    </li>
  )
}
