/**
 * upcoming and notifications: what the lifecycle has pending and what it has said. Both read
 * names, scopes, kinds and dates only, never a value, and neither changes the vault unless asked
 * (`notifications --mark-read`).
 */
import { TIMELINE_GROUP_LABELS, TIMELINE_GROUPS, timeline } from '../../shared/upcoming-timeline'
import type { CliContext } from './cli-context'
import { alignRows, printable, printJson } from './cli-output'
import { dayOf, daysUntil, relativeDays } from './deletion-warning'

const EVENT_LABELS = { deletion: 'Deletion', expiry: 'Expiry' } as const

/** An instant as people read it here: `2026-12-01 14:03 UTC`. */
const minuteOf = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`

export async function upcoming(context: CliContext): Promise<void> {
  const { secrets, clock } = await context.services()
  const all = await secrets.list()
  const now = clock.now().getTime()
  const events = timeline(all, now)
  if (context.json) {
    printJson(
      events.map((e) => ({
        secret: e.secret.name,
        scope: e.secret.scope,
        event: e.event,
        at: e.at,
      })),
      context.out,
    )
    return
  }
  if (events.length === 0) {
    context.out.write(
      all.length === 0
        ? 'The vault holds no secrets, so nothing is pending.\n'
        : 'Nothing pending: no secret is due for deletion, and none has an expiry date.\n',
    )
    return
  }
  // One alignment for all groups, so the columns line up down the whole timeline.
  const lines = alignRows(
    events.map((e) => [
      dayOf(e.at),
      relativeDays(daysUntil(e.at, now)),
      EVENT_LABELS[e.event],
      e.secret.name,
      e.secret.scope,
    ]),
  )
  for (const group of TIMELINE_GROUPS) {
    const inGroup = events.flatMap((e, i) => (e.group === group ? [lines[i]!] : []))
    if (inGroup.length === 0) continue
    context.out.write(`${TIMELINE_GROUP_LABELS[group]}\n`)
    for (const line of inGroup) context.out.write(`  ${line}\n`)
  }
}

export async function notifications(
  context: CliContext,
  _args: string[],
  options: { markRead?: boolean },
): Promise<void> {
  const centre = (await context.services()).notifications
  // What is printed is the centre as it was; --mark-read changes it only afterwards.
  const { items, unread } = await centre.list()
  if (context.json) {
    printJson(
      items.map((n) => ({
        id: n.id,
        at: n.at,
        secret: n.secretName,
        scope: n.scope,
        kind: n.kind,
        dueAt: n.dueAt,
        read: n.read,
        title: n.title,
      })),
      context.out,
    )
  } else if (items.length === 0) {
    context.out.write('No notifications: no reminder has been sent yet.\n')
  } else {
    for (const n of items)
      context.out.write(`${n.read ? ' ' : '*'} ${minuteOf(n.at)}  ${printable(n.title)}\n`)
    if (unread > 0) context.out.write(`${unread} unread, marked *.\n`)
  }
  if (options.markRead && unread > 0) await centre.markAllRead()
}
