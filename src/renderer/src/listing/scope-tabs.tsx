/**
 * The scope tabs Organization / Workspace / Personal (Radix Tabs: arrow keys move between them)
 * with a workspace picker beside the Workspace tab. The listing is the active tab's panel.
 */
import * as Tabs from '@radix-ui/react-tabs'
import type { ReactNode } from 'react'
import { useSecretsStore, type ScopeTab } from '../store/secrets-store'

const KINDS = ['organization', 'workspace', 'personal'] as const
const TAB_LABELS: Record<ScopeTab['kind'], string> = {
  organization: 'Organization',
  workspace: 'Workspace',
  personal: 'Personal',
}

interface ScopeTabsProps {
  /** Right-aligned beside the tabs (the count of secrets). */
  aside: ReactNode
  children: ReactNode
}

export function ScopeTabs({ aside, children }: ScopeTabsProps): React.JSX.Element {
  const scope = useSecretsStore((s) => s.scope)
  const setScope = useSecretsStore((s) => s.setScope)
  const workspaces = useSecretsStore((s) => s.profile?.workspaces ?? [])

  function choose(kind: string): void {
    if (kind === 'workspace') {
      const workspace = workspaces[0]
      if (workspace !== undefined) setScope({ kind: 'workspace', workspace })
    } else if (kind === 'organization' || kind === 'personal') {
      setScope({ kind })
    }
  }

  return (
    <Tabs.Root className="scope-tabs" value={scope.kind} onValueChange={choose}>
      <div className="scope-tabs__bar">
        <Tabs.List className="scope-tabs__list" aria-label="Scope">
          {KINDS.map((kind) => (
            <Tabs.Trigger
              key={kind}
              value={kind}
              className="scope-tab"
              disabled={kind === 'workspace' && workspaces.length === 0}
              title={
                kind === 'workspace' && workspaces.length === 0
                  ? 'No workspaces yet: add one from the sidebar or Settings'
                  : undefined
              }
            >
              {TAB_LABELS[kind]}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        {scope.kind === 'workspace' && (
          <select
            className="input workspace-picker"
            aria-label="Workspace"
            value={scope.workspace}
            onChange={(event) => setScope({ kind: 'workspace', workspace: event.target.value })}
          >
            {workspaces.map((workspace) => (
              <option key={workspace} value={workspace}>
                {workspace}
              </option>
            ))}
          </select>
        )}
        <div className="scope-tabs__aside">{aside}</div>
      </div>
      {KINDS.map((kind) => (
        <Tabs.Content key={kind} value={kind} className="scope-tabs__panel">
          {children}
        </Tabs.Content>
      ))}
    </Tabs.Root>
  )
}
