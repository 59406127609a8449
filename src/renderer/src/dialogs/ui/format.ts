/** How dialogs write scopes, consumers and days: the words of DESIGN.md, never a value. */
import { SPOTS } from '../../../../shared/domain'

export { formatDate, formatDateTime } from '../../components/dates'

/** `organization`, `workspace:NAME`, `personal` → the words the sidebar uses. */
export function scopeText(scope: string): string {
  if (scope.startsWith('workspace:')) return `Workspace ${scope.slice('workspace:'.length)}`
  return scope === 'organization' ? 'Organization' : 'Personal'
}

export function availabilityText(availability: string | null): string {
  if (availability === null) return '—'
  if (availability.startsWith('spot:')) return `Spot ${availability.slice('spot:'.length)}`
  return 'Entire organization'
}

/** Consumers as §3 names them: `spot:NAME`, `connection-test`, the app's copy, a CLI name. */
export function consumerText(consumer: string): string {
  if (consumer.startsWith('spot:')) {
    const spot = consumer.slice('spot:'.length)
    return (SPOTS as readonly string[]).includes(spot) ? `Spot ${spot}` : consumer
  }
  if (consumer === 'connection-test') return 'Connection test'
  if (consumer === 'app' || consumer === 'app:copy') return 'Copied in the app'
  return consumer
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`
}

/** The UTC calendar day of today, the earliest expiration date a user may pick. */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10)
}
