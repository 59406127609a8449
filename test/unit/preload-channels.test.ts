import { describe, expect, expectTypeOf, it } from 'vitest'
import * as contract from '../../src/shared/ipc-contract'
import * as plain from '../../src/shared/ipc-channels'

// The preload reads the zod-free channel list; main validates with the contract. A channel in one
// list and not the other would be a method that always fails, or a handler nobody can reach.
describe('the plain channel list', () => {
  it('names exactly the contract’s channels, in the same order', () => {
    // The compiler checks the names (`satisfies Record<ChannelName, …>`); this checks the order too.
    expect([...plain.CHANNELS]).toEqual(Object.keys(contract.ipcContract))
    expect(contract.CHANNELS).toBe(plain.CHANNELS)
  })

  it('has the same type as the contract’s channels', () => {
    expectTypeOf<plain.ChannelName>().toEqualTypeOf<contract.Channel>()
  })

  it('places every channel where the contract does', () => {
    for (const channel of plain.CHANNELS) {
      expect(plain.bridgePath(channel), channel).toEqual(contract.bridgePath(channel))
    }
  })

  it('turns kebab-case verbs into camelCase methods', () => {
    expect(plain.bridgePath('secrets:delete-now')).toEqual(['secrets', 'deleteNow'])
    expect(plain.bridgePath('secrets:schedule-deletion')).toEqual(['secrets', 'scheduleDeletion'])
    expect(plain.bridgePath('app:state')).toEqual(['app', 'state'])
  })
})
