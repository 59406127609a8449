/**
 * The top bar's filter menus: credential type, status and tag, each a menu of checkboxes (Radix
 * DropdownMenu). Nothing checked means no filter; several checked show secrets with any of them.
 * The menus stay open while boxes are ticked.
 */
import * as DropdownMenu from '@radix-ui/react-dropdown-menu'
import { Check, ChevronDown } from 'lucide-react'
import { useMemo } from 'react'
import {
  CREDENTIAL_TYPES,
  CREDENTIAL_TYPE_LABELS,
  SECRET_STATUSES,
  STATUS_LABELS,
} from '../../../shared/domain'
import { Button } from '../components/button'
import { useSecretsStore } from '../store/secrets-store'
import { useListingStore } from './listing-store'

interface FilterMenuProps<T extends string> {
  /** The accessible name of the trigger, e.g. "Filter by status". */
  label: string
  /** The trigger's visible text. */
  title: string
  options: readonly T[]
  labels: Record<T, string>
  /** Shown in the menu when it has no options. */
  none?: string
  selected: readonly T[]
  onToggle: (option: T) => void
  onClear: () => void
}

function FilterMenu<T extends string>({
  label,
  title,
  options,
  labels,
  none,
  selected,
  onToggle,
  onClear,
}: FilterMenuProps<T>): React.JSX.Element {
  const active = selected.length > 0
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger asChild>
        <Button
          variant="secondary"
          aria-label={active ? `${label} (${selected.length} selected)` : label}
          className={active ? 'filter-trigger filter-trigger--active' : 'filter-trigger'}
        >
          {title}
          {active && <span className="count-pill">{selected.length}</span>}
          <ChevronDown aria-hidden="true" className="filter-trigger__chevron" />
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="start" sideOffset={4}>
          <DropdownMenu.Label className="menu__label">{label}</DropdownMenu.Label>
          {options.length === 0 && none !== undefined && <p className="menu__note">{none}</p>}
          {options.map((option) => (
            <DropdownMenu.CheckboxItem
              key={option}
              className="menu__item"
              checked={selected.includes(option)}
              onCheckedChange={() => onToggle(option)}
              onSelect={(event) => event.preventDefault()}
            >
              <span className="menu__check">
                <DropdownMenu.ItemIndicator>
                  <Check aria-hidden="true" />
                </DropdownMenu.ItemIndicator>
              </span>
              {labels[option]}
            </DropdownMenu.CheckboxItem>
          ))}
          <DropdownMenu.Separator className="menu__separator" />
          <DropdownMenu.Item className="menu__item" disabled={!active} onSelect={onClear}>
            <span className="menu__check" />
            Show all
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  )
}

export function TypeFilterMenu(): React.JSX.Element {
  const types = useListingStore((s) => s.types)
  const toggleType = useListingStore((s) => s.toggleType)
  return (
    <FilterMenu
      label="Filter by credential type"
      title="Type"
      options={CREDENTIAL_TYPES}
      labels={CREDENTIAL_TYPE_LABELS}
      selected={types}
      onToggle={toggleType}
      onClear={() => useListingStore.getState().clearFilter('types')}
    />
  )
}

export function StatusFilterMenu(): React.JSX.Element {
  const statuses = useListingStore((s) => s.statuses)
  const toggleStatus = useListingStore((s) => s.toggleStatus)
  return (
    <FilterMenu
      label="Filter by status"
      title="Status"
      options={SECRET_STATUSES}
      labels={STATUS_LABELS}
      selected={statuses}
      onToggle={toggleStatus}
      onClear={() => useListingStore.getState().clearFilter('statuses')}
    />
  )
}

/** Every tag the vault's secrets carry, and any still chosen that none carries now. */
export function TagFilterMenu(): React.JSX.Element {
  const secrets = useSecretsStore((s) => s.secrets)
  const tags = useListingStore((s) => s.tags)
  const toggleTag = useListingStore((s) => s.toggleTag)
  const known = useMemo(() => {
    const all = new Set<string>()
    for (const secret of secrets) for (const tag of secret.tags) all.add(tag)
    return all
  }, [secrets])
  const options = useMemo(
    () => [...new Set([...known, ...tags])].sort((a, b) => a.localeCompare(b)),
    [known, tags],
  )
  // Each tag is its own label, in a record with no prototype: a tag may be named __proto__.
  const labels = useMemo(() => {
    const record = Object.create(null) as Record<string, string>
    for (const tag of options) record[tag] = tag
    return record
  }, [options])
  return (
    <FilterMenu
      label="Filter by tags"
      title="Tags"
      options={options}
      labels={labels}
      none="No secret has a tag yet."
      selected={tags}
      onToggle={toggleTag}
      onClear={() => useListingStore.getState().clearFilter('tags')}
    />
  )
}
