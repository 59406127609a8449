import type { ReactNode } from 'react'
import * as Select from '@radix-ui/react-select'
import { Check, ChevronDown } from 'lucide-react'
import { Field } from '../ui/field'

interface WorkspaceSelectProps {
  workspaces: readonly string[]
  value: string
  error?: string | undefined
  onChange: (workspace: string) => void
}

/** "Workspace": one of the vault's workspaces, as a Radix select (a combobox to assistive tech). */
export function WorkspaceSelect({
  workspaces,
  value,
  error,
  onChange,
}: WorkspaceSelectProps): ReactNode {
  return (
    <Field label="Workspace" error={error}>
      {(control) => (
        <Select.Root value={value || undefined} onValueChange={onChange}>
          <Select.Trigger {...control} className="dlg-input dlg-select">
            <Select.Value placeholder="Choose a workspace" />
            <Select.Icon className="dlg-select-icon">
              <ChevronDown aria-hidden size={16} />
            </Select.Icon>
          </Select.Trigger>
          <Select.Portal>
            <Select.Content className="dlg-select-content" position="popper" sideOffset={4}>
              <Select.Viewport>
                {workspaces.map((workspace) => (
                  <Select.Item key={workspace} value={workspace} className="dlg-select-item">
                    <Select.ItemText>{workspace}</Select.ItemText>
                    <Select.ItemIndicator className="dlg-select-check">
                      <Check aria-hidden size={14} />
                    </Select.ItemIndicator>
                  </Select.Item>
                ))}
              </Select.Viewport>
            </Select.Content>
          </Select.Portal>
        </Select.Root>
      )}
    </Field>
  )
}
