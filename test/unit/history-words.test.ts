import { describe, expect, it } from 'vitest'
import { actionLabel, detailText } from '../../src/renderer/src/details/history-words'
import { instantText } from '../../src/shared/time-text'

// A secret's history speaks the UI's words: labels for every action main records, field labels
// and Spot names in details, local times with their zone, never internal ids.

describe('history in the words of the UI', () => {
  it('labels every action main records for a secret, the new ones included', () => {
    expect(actionLabel('renamed')).toBe('Renamed')
    expect(actionLabel('availability-changed')).toBe('Availability changed')
    expect(actionLabel('previous-value-restored')).toBe('Previous value restored')
    expect(actionLabel('previous-value-purged')).toBe('Previous value purged')
    expect(actionLabel('workspace-renamed')).toBe('Workspace renamed')
    expect(actionLabel('reactivated')).toBe('Used again; deletion cancelled')
    expect(actionLabel('reminder')).toBe('Reminder sent')
  })

  it('puts an action it does not know into words rather than showing its id', () => {
    expect(actionLabel('key-rotated')).toBe('Key rotated')
    // An audit entry's action is data: a prototype name is just a word, not Object's property.
    expect(actionLabel('constructor')).toBe('Constructor')
    expect(actionLabel('toString')).toBe('ToString')
  })

  it('names the field a use read by its label, and a key by its name', () => {
    expect(detailText('used', 'headerValue')).toBe('Header value')
    expect(detailText('used', 'clientSecret')).toBe('Client secret')
    expect(detailText('used', 'privateKey')).toBe('Private key')
    expect(detailText('used', 'pair:API_KEY')).toBe('Key API_KEY')
    expect(detailText('used', 'REGION')).toBe('Key REGION')
  })

  it('names every field one use read by its label', () => {
    expect(detailText('used', 'headerName, value')).toBe('Header name, Value')
    expect(detailText('used', 'clientId, clientSecret, pair:API_KEY')).toBe(
      'Client ID, Client secret, Key API_KEY',
    )
  })

  it('labels the vault’s own actions in words', () => {
    expect(actionLabel('scan')).toBe('Leak scan')
    expect(actionLabel('audit-trimmed')).toBe('Audit log trimmed')
    expect(actionLabel('passphrase-added')).toBe('Passphrase added')
  })

  it('says a refused use was for another Spot in words', () => {
    expect(detailText('use-refused', 'availability spot:CodeCrafters')).toBe(
      'Available only to Spot CodeCrafters',
    )
  })

  it('shows the instant of a cancelled deletion in local time with its zone', () => {
    const due = '2027-03-01T12:00:00.000Z'
    expect(detailText('reactivated', `deletion due ${due} cancelled`)).toBe(
      `The deletion due ${instantText(due)} was cancelled`,
    )
    expect(detailText('reactivated', `deletion due ${due} cancelled`)).not.toContain(due)
  })

  it('keeps what main already writes in labels as it is', () => {
    expect(detailText('edited', 'changed Header name, Notes, Tags')).toBe(
      'changed Header name, Notes, Tags',
    )
    expect(detailText('renamed', 'from "stripe-live" to "stripe-live-eu"')).toBe(
      'from "stripe-live" to "stripe-live-eu"',
    )
    expect(detailText('availability-changed', 'Entire organization → Spot Bytebards')).toBe(
      'Entire organization → Spot Bytebards',
    )
  })
})
