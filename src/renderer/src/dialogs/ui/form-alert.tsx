import type { ReactNode } from 'react'
import { CircleAlert, Info, TriangleAlert } from 'lucide-react'

interface FormAlertProps {
  tone: 'error' | 'warning' | 'info'
  children: ReactNode
  /** Errors are announced; warnings and notes are read in order. */
  live?: boolean
}

const ICONS = { error: CircleAlert, warning: TriangleAlert, info: Info }

/** A message at the top of a step, or a callout such as the irreversibility warning. */
export function FormAlert({ tone, children, live = tone === 'error' }: FormAlertProps): ReactNode {
  const Icon = ICONS[tone]
  return (
    <div className={`dlg-alert dlg-alert--${tone}`} role={live ? 'alert' : undefined}>
      <Icon aria-hidden size={18} className="dlg-alert-icon" />
      <div className="dlg-alert-body">{children}</div>
    </div>
  )
}
