/**
 * Other ways to add secrets, beside "Register secret": a menu (Radix DropdownMenu) whose "Import
 * .env" opens the import dialog, as the empty state's button and the app menu's item do.
 */
import * as DropdownMenu from '@radix-ui/react-dropdown-menu'
import { ChevronDown, FileUp } from 'lucide-react'
import { Button } from '../components/button'
import { useSecretsStore } from '../store/secrets-store'

export function AddMenu(): React.JSX.Element {
  const openDialog = useSecretsStore((s) => s.openDialog)
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger asChild>
        <Button variant="secondary" aria-label="More ways to add secrets" className="add-menu">
          <ChevronDown aria-hidden="true" />
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end" sideOffset={4}>
          <DropdownMenu.Item
            className="menu__item"
            onSelect={() => openDialog({ kind: 'import-env' })}
          >
            <FileUp aria-hidden="true" className="menu__icon" />
            Import .env
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  )
}
