import { useId, type KeyboardEvent, type ReactNode } from 'react'
import * as RadioGroup from '@radix-ui/react-radio-group'
import { FieldError } from './field'

export interface Choice<V extends string> {
  value: V
  /** The radio's accessible name, exactly. */
  label: string
  description?: string
  icon?: ReactNode
  disabled?: boolean
  /** Why the choice is disabled, shown on the card and read with it. */
  reason?: string | undefined
}

interface ChoiceCardsProps<V extends string> {
  /** The group's name, shown as its heading unless `hideLabel`. */
  label: string
  hideLabel?: boolean
  value: V | null
  onChange: (value: V) => void
  choices: readonly Choice<V>[]
  /** `cards` for a few rich choices, `chips` for many short ones. */
  variant?: 'cards' | 'chips'
  columns?: number
  error?: string | undefined
  tone?: 'default' | 'danger'
}

const ARROWS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'])

/**
 * An arrow key moves focus to a radio and checks it (WAI-ARIA radio group). Radix moves the focus
 * in a timer and checks the radio only if the key is still down when focus arrives, which a quick
 * key press misses. So on key up, once that timer has run, the focused radio of this group is
 * checked if it is not yet.
 */
function checkFocusedAfterArrow(event: KeyboardEvent<HTMLDivElement>): void {
  if (!ARROWS.has(event.key)) return
  const group = event.currentTarget
  setTimeout(() => {
    const focused = group.ownerDocument.activeElement
    if (
      focused instanceof HTMLElement &&
      group.contains(focused) &&
      focused.getAttribute('role') === 'radio' &&
      focused.getAttribute('aria-checked') === 'false' &&
      !focused.hasAttribute('disabled')
    ) {
      focused.click()
    }
  }, 0)
}

/** A Radix radio group drawn as selectable cards; arrow keys move between choices. */
export function ChoiceCards<V extends string>(props: ChoiceCardsProps<V>): ReactNode {
  const { label, value, onChange, choices, error } = props
  const id = useId()
  return (
    <div className="dlg-field" data-invalid={error ? '' : undefined}>
      <span id={`${id}-label`} className={props.hideLabel ? 'dlg-visually-hidden' : 'dlg-label'}>
        {label}
      </span>
      <RadioGroup.Root
        className={`dlg-choices dlg-choices--${props.variant ?? 'cards'}`}
        data-columns={props.columns ?? choices.length}
        data-tone={props.tone ?? 'default'}
        aria-labelledby={`${id}-label`}
        aria-describedby={error ? `${id}-error` : undefined}
        value={value ?? ''}
        onValueChange={(next) => onChange(next as V)}
        onKeyUp={checkFocusedAfterArrow}
        loop
      >
        {choices.map((choice) => {
          const itemId = `${id}-${choice.value}`
          const described = [
            choice.description ? `${itemId}-description` : '',
            choice.disabled && choice.reason ? `${itemId}-reason` : '',
          ].filter(Boolean)
          const checked = value === choice.value
          // The card is drawn around the radio and its explanation, which sits beside the radio
          // rather than inside it: the radio's name is its title alone and its visible text is
          // that same title (DESIGN §6.3; WCAG 2.5.3), and the explanation is its description.
          // A click anywhere on the card chooses it, as a click on the radio does.
          return (
            <div
              key={choice.value}
              className="dlg-choice"
              data-state={checked ? 'checked' : 'unchecked'}
              data-disabled={choice.disabled ? '' : undefined}
              onClick={(event) => {
                if (choice.disabled || (event.target as HTMLElement).closest('[role="radio"]'))
                  return
                onChange(choice.value)
                document.getElementById(itemId)?.focus()
              }}
            >
              <RadioGroup.Item
                id={itemId}
                value={choice.value}
                disabled={choice.disabled}
                className="dlg-choice-button"
                aria-labelledby={`${itemId}-label`}
                aria-describedby={described.length ? described.join(' ') : undefined}
              >
                {choice.icon && <span className="dlg-choice-icon">{choice.icon}</span>}
                <span id={`${itemId}-label`} className="dlg-choice-title">
                  {choice.label}
                </span>
                <span className="dlg-choice-mark" aria-hidden>
                  <RadioGroup.Indicator className="dlg-choice-dot" />
                </span>
              </RadioGroup.Item>
              {(choice.description || (choice.disabled && choice.reason)) && (
                <span className="dlg-choice-text" data-indent={choice.icon ? '' : undefined}>
                  {choice.description && (
                    <span id={`${itemId}-description`} className="dlg-choice-description">
                      {choice.description}
                    </span>
                  )}
                  {choice.disabled && choice.reason && (
                    <span id={`${itemId}-reason`} className="dlg-choice-reason">
                      {choice.reason}
                    </span>
                  )}
                </span>
              )}
            </div>
          )
        })}
      </RadioGroup.Root>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  )
}
