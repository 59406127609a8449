/** Keyboard behaviour shared by the dialogs' forms (DESIGN.md §6.4, issue 3 item 9). */
import type { KeyboardEvent } from 'react'

const FIRST_FIELD = [
  '[data-autofocus]',
  'button[role="radio"][data-state="checked"]:not([disabled])',
  'input:not([type="hidden"]):not([readonly]):not([disabled]):not([tabindex="-1"])',
  'button[role="radio"]:not([disabled])',
  '[role="combobox"]',
  'textarea',
  '.dlg-dropzone',
]

/** Puts focus on the first thing to answer in a step, so keyboard users start where they type. */
export function focusFirstField(container: HTMLElement | null): void {
  if (!container) return
  for (const selector of FIRST_FIELD) {
    const target = container.querySelector<HTMLElement>(selector)
    if (target) {
      target.focus()
      return
    }
  }
  // A step with nothing to answer (the review) starts on its submit button.
  container.closest('form')?.querySelector<HTMLElement>('[type="submit"]')?.focus()
}

/**
 * Radix radio items swallow Enter (WAI-ARIA radios do not activate on it); in a form, Enter should
 * still submit the step, as it does from a text field.
 */
export function submitOnEnterInRadio(event: KeyboardEvent<HTMLFormElement>): void {
  const target = event.target as HTMLElement
  if (event.key === 'Enter' && target.getAttribute('role') === 'radio') {
    event.preventDefault()
    event.currentTarget.requestSubmit()
  }
}
