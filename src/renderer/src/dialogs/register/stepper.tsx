import type { ReactNode } from 'react'
import { Check } from 'lucide-react'

interface StepperProps {
  steps: readonly string[]
  current: number
}

/** The wizard's visible progress: done, current (aria-current="step") and upcoming steps. */
export function Stepper({ steps, current }: StepperProps): ReactNode {
  return (
    <ol className="dlg-stepper" aria-label="Steps">
      {steps.map((step, index) => {
        const state = index < current ? 'done' : index === current ? 'current' : 'upcoming'
        return (
          <li
            key={step}
            className="dlg-step"
            data-state={state}
            aria-current={index === current ? 'step' : undefined}
          >
            <span className="dlg-step-mark" aria-hidden>
              {state === 'done' ? <Check size={14} strokeWidth={3} /> : index + 1}
            </span>
            <span className="dlg-step-label">
              {step}
              {state === 'done' && <span className="dlg-visually-hidden"> (done)</span>}
            </span>
          </li>
        )
      })}
    </ol>
  )
}
