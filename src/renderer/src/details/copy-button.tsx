/**
 * Copy: main puts the value on the clipboard and clears it after 30 s; the renderer never sees
 * it. Where a secret holds more than one value (key/value pairs, a certificate with its key), a
 * menu beside the button chooses which one.
 */
import * as DropdownMenu from '@radix-ui/react-dropdown-menu'
import { ChevronDown, Copy } from 'lucide-react'
import type { SecretDetails } from '../../../shared/secret-view'
import { Button } from '../components/button'
import { api, useSecretsStore } from '../store/secrets-store'

interface CopyOption {
  label: string
  field?: string
}

function copyOptions(secret: SecretDetails): CopyOption[] {
  switch (secret.type) {
    case 'key-value':
      return [
        { label: 'All pairs as .env' },
        ...secret.keys.map((key) => ({ label: key, field: `pair:${key}` })),
      ]
    case 'certificate':
      return secret.hasPrivateKey
        ? [{ label: 'Certificate (PEM)' }, { label: 'Private key', field: 'privateKey' }]
        : [{ label: 'Certificate (PEM)' }]
    default:
      return [{ label: 'Value' }]
  }
}

async function copy(id: string, field: string | undefined): Promise<void> {
  const { toast, refresh } = useSecretsStore.getState()
  const result = await api().secrets.copy(field === undefined ? { id } : { id, field })
  if (!result.ok) {
    toast(result.error.message, 'error')
    return
  }
  toast(`Copied; the clipboard clears in ${result.value.clearsAfterSeconds} s`)
  // A copy is a use: it changes the last use, the usages and perhaps the status.
  await refresh()
}

export function CopyButton({ secret }: { secret: SecretDetails }): React.JSX.Element {
  const options = copyOptions(secret)
  return (
    <span className="split-button">
      <Button
        variant="primary"
        icon={<Copy />}
        title="Copy the value; the clipboard is cleared after 30 s"
        onClick={() => void copy(secret.id, undefined)}
      >
        Copy
      </Button>
      {options.length > 1 && (
        <DropdownMenu.Root modal={false}>
          <DropdownMenu.Trigger asChild>
            <Button
              variant="primary"
              className="split-button__more"
              aria-label="Choose a value"
              title="Choose which value goes on the clipboard"
            >
              <ChevronDown aria-hidden="true" className="filter-trigger__chevron" />
            </Button>
          </DropdownMenu.Trigger>
          <DropdownMenu.Portal>
            <DropdownMenu.Content className="menu" align="start" sideOffset={4}>
              <DropdownMenu.Label className="menu__label">Put on the clipboard</DropdownMenu.Label>
              {options.map((option) => (
                <DropdownMenu.Item
                  key={option.label}
                  className="menu__item"
                  onSelect={() => void copy(secret.id, option.field)}
                >
                  <span className={option.field?.startsWith('pair:') ? 'mono' : undefined}>
                    {option.label}
                  </span>
                </DropdownMenu.Item>
              ))}
            </DropdownMenu.Content>
          </DropdownMenu.Portal>
        </DropdownMenu.Root>
      )}
    </span>
  )
}
