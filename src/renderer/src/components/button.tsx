/**
 * The app's buttons. Every button is `type="button"` unless told otherwise, so none submits a form
 * by accident; an icon-only button must carry an accessible name (`label`).
 */
import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react'
import './components.css'

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger'

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant
  size?: 'sm' | 'md'
  /** A leading icon (lucide-react), hidden from assistive technology. */
  icon?: ReactNode
  ref?: Ref<HTMLButtonElement>
}

export function Button({
  variant = 'secondary',
  size = 'md',
  icon,
  className,
  children,
  type = 'button',
  ...rest
}: ButtonProps): React.JSX.Element {
  const classes = ['btn', `btn--${variant}`, `btn--${size}`, className].filter(Boolean).join(' ')
  return (
    <button type={type} className={classes} {...rest}>
      {icon && (
        <span className="btn__icon" aria-hidden="true">
          {icon}
        </span>
      )}
      {children}
    </button>
  )
}

export interface IconButtonProps extends Omit<ButtonProps, 'children' | 'icon'> {
  /** The accessible name, also shown as the tooltip. */
  label: string
  icon: ReactNode
}

/** A square button that shows only an icon; `label` is its accessible name and tooltip. */
export function IconButton({
  label,
  icon,
  variant = 'ghost',
  className,
  ...rest
}: IconButtonProps): React.JSX.Element {
  return (
    <Button
      variant={variant}
      aria-label={label}
      title={rest.title ?? label}
      className={['btn--icon-only', className].filter(Boolean).join(' ')}
      {...rest}
    >
      <span aria-hidden="true" className="btn__icon">
        {icon}
      </span>
    </Button>
  )
}
