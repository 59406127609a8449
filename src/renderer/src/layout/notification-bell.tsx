/**
 * The notification bell. In-app notifications arrive with the reminders of the lifecycle work;
 * until then the count is honestly 0 and the menu says where reminders will appear.
 */
import * as DropdownMenu from '@radix-ui/react-dropdown-menu'
import { Bell } from 'lucide-react'
import { IconButton } from '../components/button'

export function NotificationBell(): React.JSX.Element {
  const unread = 0
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger asChild>
        <IconButton
          label={`Notifications (${unread} unread)`}
          title="Notifications"
          icon={<Bell />}
          className="bell"
        />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end" sideOffset={4}>
          <DropdownMenu.Label className="menu__label">Notifications</DropdownMenu.Label>
          <p className="menu__note">
            No notifications. Reminders before a secret is deleted or expires are sent as system
            notifications; they will also be listed here.
          </p>
          <DropdownMenu.Item className="menu__item" disabled>
            Nothing unread
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  )
}
