/**
 * The notification bell: every reminder the lifecycle engine sent, newest first, kept in the
 * vault's notification centre (never a value). Choosing one opens its secret; "Mark all as read"
 * is the only way to mark (main offers no per-item read), so opening an item leaves it unread.
 * The accessible name is "Notifications" alone; the unread count is its description.
 */
import * as DropdownMenu from '@radix-ui/react-dropdown-menu'
import { Bell, CheckCheck } from 'lucide-react'
import { formatDate, formatDateTime } from '../components/dates'
import { scopeStringLabel } from '../components/labels'
import { useListingStore } from '../listing/listing-store'
import { useNotificationsStore, type NotificationView } from '../store/notifications-store'
import './notification-bell.css'

/** A menu, not a virtualised list: older reminders beyond this are counted, not drawn. */
const MAX_SHOWN = 100

export function NotificationBell(): React.JSX.Element {
  const { items, unread, total, refresh, markAllRead } = useNotificationsStore()
  const shown = items.slice(0, MAX_SHOWN)
  return (
    <DropdownMenu.Root modal={false} onOpenChange={(open) => open && void refresh()}>
      <DropdownMenu.Trigger asChild>
        <button
          type="button"
          className="btn btn--ghost btn--md btn--icon-only bell"
          aria-label="Notifications"
          aria-describedby="bell-unread"
          title={unread > 0 ? `Notifications: ${unread} unread` : 'Notifications'}
        >
          <span aria-hidden="true" className="btn__icon">
            <Bell />
          </span>
          <span id="bell-unread" className={unread > 0 ? 'bell__badge' : 'visually-hidden'}>
            {unread > 0 ? (unread > 99 ? '99+' : unread) : 'No'}
            <span className="visually-hidden"> unread</span>
          </span>
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          className="menu notifications"
          align="end"
          sideOffset={4}
          aria-label="Notifications"
        >
          <div className="notifications__header">
            <DropdownMenu.Label className="menu__label">Notifications</DropdownMenu.Label>
            <DropdownMenu.Item
              className="menu__item notifications__mark"
              disabled={unread === 0}
              onSelect={(event) => {
                // The menu stays open so the items can be seen turning read.
                event.preventDefault()
                void markAllRead()
              }}
            >
              <CheckCheck aria-hidden="true" size={14} />
              Mark all as read
            </DropdownMenu.Item>
          </div>
          <DropdownMenu.Separator className="menu__separator" />
          {items.length === 0 ? (
            <div className="notifications__empty">
              <p className="notifications__empty-title">No notifications yet</p>
              <p className="menu__note">
                Reminders before a secret is deleted or expires, and word of deletions carried out,
                appear here as they are sent.
              </p>
            </div>
          ) : (
            <div className="notifications__list">
              {shown.map((item) => (
                <NotificationItem key={item.id} item={item} />
              ))}
              {total > shown.length && (
                <p className="menu__note">
                  {total - shown.length} older notifications are not shown; `safehold notifications`
                  lists them all.
                </p>
              )}
            </div>
          )}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  )
}

/** What happens at a reminder's dueAt, so each item names the date of the event itself. */
const EVENT_WORDS: Record<NotificationView['kind'], string> = {
  inactive: 'deletes',
  'deletion-reminder': 'deletes',
  deleted: 'deleted',
  'expiry-reminder': 'expires',
  expired: 'expired',
  reactivated: 'was to be deleted',
}

function NotificationItem({ item }: { item: NotificationView }): React.JSX.Element {
  return (
    <DropdownMenu.Item
      className={item.read ? 'notification' : 'notification notification--unread'}
      data-notification-id={item.id}
      onSelect={() => useListingStore.getState().showSecret(item.secretId)}
    >
      <span className="notification__dot" aria-hidden="true" />
      <span className="notification__text">
        {!item.read && <span className="visually-hidden">Unread: </span>}
        <span className="notification__title">{item.title}</span>
        <span className="notification__meta">
          {/* The title names the secret; repeated only should a wording ever leave it out. */}
          {item.title.includes(item.secretName) ? '' : `${item.secretName} · `}
          {`${scopeStringLabel(item.scope)} · ${EVENT_WORDS[item.kind]} `}
          <time className="notification__due" dateTime={item.dueAt}>
            {formatDateTime(item.dueAt)}
          </time>
          {' · sent '}
          <time className="notification__sent" dateTime={item.at}>
            {formatDate(item.at)}
          </time>
        </span>
      </span>
    </DropdownMenu.Item>
  )
}
