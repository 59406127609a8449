/**
 * An organization secret's availability as a form holds it: the entire organization, or one Spot
 * (DESIGN §1.2); and the same as the contract spells it.
 */
import { SPOTS, type Availability, type Spot } from '../../../../shared/domain'

export type AvailabilityChoice = 'organization' | Spot

/** `organization` / `spot:NAME` (a summary's availability) → the choice; anything else → the organization. */
export function availabilityChoiceOf(availability: string | null): AvailabilityChoice {
  const spot = availability?.startsWith('spot:') ? availability.slice('spot:'.length) : null
  return spot !== null && (SPOTS as readonly string[]).includes(spot)
    ? (spot as Spot)
    : 'organization'
}

export function availabilityOfChoice(choice: AvailabilityChoice): Availability {
  return choice === 'organization' ? { kind: 'organization' } : { kind: 'spot', spot: choice }
}
