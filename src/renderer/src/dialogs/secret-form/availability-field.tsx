import type { ReactNode } from 'react'
import { Bot, Globe } from 'lucide-react'
import { SPOTS } from '../../../../shared/domain'
import { ChoiceCards, type Choice } from '../ui/choice-cards'
import type { AvailabilityChoice } from './availability'

const CHOICES: Choice<AvailabilityChoice>[] = [
  { value: 'organization', label: 'Entire organization', icon: <Globe size={16} /> },
  ...SPOTS.map((spot) => ({ value: spot, label: spot, icon: <Bot size={16} /> })),
]

interface AvailabilityFieldProps {
  value: AvailabilityChoice
  error?: string | undefined
  onChange: (value: AvailabilityChoice) => void
}

/** "Availability" of an organization secret (DESIGN §1.2): the wizard's and the edit's one choice. */
export function AvailabilityField({ value, error, onChange }: AvailabilityFieldProps): ReactNode {
  return (
    <>
      <ChoiceCards
        label="Availability"
        value={value}
        onChange={onChange}
        choices={CHOICES}
        variant="chips"
        columns={4}
        error={error}
      />
      <p className="dlg-note">
        A Spot is an AI agent. A secret available to one Spot can be used by that Spot only.
      </p>
    </>
  )
}
