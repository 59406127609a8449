/**
 * One row of the listing, with only the columns the layout shows. Memoised: scrolling re-renders
 * only the rows that enter the view. The name cell is named by the name alone (aria-labelledby);
 * where a search hit was found is its description.
 */
import { memo } from 'react'
import {
  CREDENTIAL_TYPES,
  CREDENTIAL_TYPE_LABELS,
  type CredentialType,
} from '../../../shared/domain'
import type { SecretSummary } from '../../../shared/secret-view'
import { formatDate, formatDateTime, isWithinDays, relativeDays } from '../components/dates'
import { deletionWords } from '../components/deletion-words'
import { availabilityLabel, scopeStringLabel } from '../components/labels'
import { StatusBadge } from '../components/status-badge'
import { TypeIcon } from '../components/type-icon'
import { FavouriteStar } from './favourite-star'
import { MarkedName, MatchLine } from './match-text'
import { findMatch } from './search-index'
import type { ColumnKey } from './table-columns'

// One icon element per type, made once: rows re-render on every keystroke of a search, their
// icons need not.
const TYPE_ICONS = Object.fromEntries(
  CREDENTIAL_TYPES.map((type) => [type, <TypeIcon key={type} type={type} />]),
) as Record<CredentialType, React.JSX.Element>

interface SecretRowProps {
  secret: SecretSummary
  index: number
  focusable: boolean
  selected: boolean
  /** The instant every row of one render counts from (use-now.ts). */
  now: number
  columns: readonly ColumnKey[]
  /** The type column is too narrow for its words: the icon stands alone (the words stay for AT). */
  typeIconOnly: boolean
  /** The normalized search text; '' outside a search. */
  needle: string
  onActivate: (id: string, index: number) => void
  onFavourite: (id: string, favourite: boolean) => void
}

function NameCell({
  secret,
  needle,
  onFavourite,
}: Pick<SecretRowProps, 'secret' | 'needle' | 'onFavourite'>): React.JSX.Element {
  const match = findMatch(secret, needle)
  const elsewhere = match !== null && match.label !== 'Secret name' ? match : null
  const nameId = `secret-name-${secret.id}`
  const matchId = `secret-match-${secret.id}`
  return (
    <td
      className="cell-name"
      aria-labelledby={nameId}
      aria-describedby={elsewhere ? matchId : undefined}
    >
      <span className="cell-name__line">
        <FavouriteStar id={secret.id} favourite={secret.favourite} onToggle={onFavourite} />
        <span className="secret-name" id={nameId}>
          <MarkedName name={secret.name} needle={needle} />
        </span>
      </span>
      {elsewhere && <MatchLine id={matchId} match={elsewhere} />}
    </td>
  )
}

function ExpiryCell({ secret, now }: { secret: SecretSummary; now: number }): React.JSX.Element {
  if (secret.expiresAt === null) return <td className="cell-muted">—</td>
  const expiringSoon = isWithinDays(secret.expiresAt, 30, now)
  const expired = Date.parse(secret.expiresAt) <= now
  return (
    <td>
      <time
        dateTime={secret.expiresAt}
        title={`${formatDateTime(secret.expiresAt)} (${relativeDays(secret.expiresAt, now)})`}
      >
        {formatDate(secret.expiresAt)}
        {expiringSoon && (
          <span className="cell-soon"> · {relativeDays(secret.expiresAt, now)}</span>
        )}
        {expired && <span className="cell-expired"> · Expired</span>}
      </time>
    </td>
  )
}

function StatusCell({ secret, now }: { secret: SecretSummary; now: number }): React.JSX.Element {
  const deletion = secret.deletesAt === null ? null : deletionWords(secret.deletesAt, now)
  return (
    <td
      className="cell-status"
      title={secret.deletesAt === null ? undefined : `Deletes ${formatDateTime(secret.deletesAt)}`}
    >
      {deletion === null ? (
        <StatusBadge status={secret.status} />
      ) : (
        <span className="status-cell">
          <StatusBadge status={secret.status} className="status-badge--compact" />
          <span className={`deletion-words deletion-words--${deletion.tone}`}>
            <span className="visually-hidden">, </span>
            {deletion.text}
          </span>
        </span>
      )}
    </td>
  )
}

function Cell({ column, props }: { column: ColumnKey; props: SecretRowProps }): React.JSX.Element {
  const { secret, now } = props
  switch (column) {
    case 'name':
      return <NameCell secret={secret} needle={props.needle} onFavourite={props.onFavourite} />
    case 'type':
      return (
        <td title={props.typeIconOnly ? CREDENTIAL_TYPE_LABELS[secret.type] : undefined}>
          <span className="cell-type">
            {TYPE_ICONS[secret.type]}
            <span className={props.typeIconOnly ? 'visually-hidden' : 'cell-type__label'}>
              {CREDENTIAL_TYPE_LABELS[secret.type]}
            </span>
          </span>
        </td>
      )
    case 'scope':
      return <td title={scopeStringLabel(secret.scope)}>{scopeStringLabel(secret.scope)}</td>
    case 'availability':
      return (
        <td
          className={secret.availability === null ? 'cell-muted' : undefined}
          title={availabilityLabel(secret.availability)}
        >
          {availabilityLabel(secret.availability)}
        </td>
      )
    case 'createdAt':
      return (
        <td>
          <time dateTime={secret.createdAt} title={formatDateTime(secret.createdAt)}>
            {formatDate(secret.createdAt)}
          </time>
        </td>
      )
    case 'expiresAt':
      return <ExpiryCell secret={secret} now={now} />
    case 'status':
      return <StatusCell secret={secret} now={now} />
  }
}

export const SecretRow = memo(function SecretRow(props: SecretRowProps): React.JSX.Element {
  const { secret, index, focusable, selected, onActivate } = props
  return (
    <tr
      className={selected ? 'secret-row secret-row--selected' : 'secret-row'}
      tabIndex={focusable ? 0 : -1}
      aria-rowindex={index + 2}
      aria-current={selected ? 'true' : undefined}
      data-row-index={index}
      data-secret-id={secret.id}
      onClick={() => onActivate(secret.id, index)}
    >
      {props.columns.map((column) => (
        <Cell key={column} column={column} props={props} />
      ))}
    </tr>
  )
})
