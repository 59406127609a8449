/** Toasts, bottom right: each one a polite status message that dismisses itself after 5 s. */
import { X } from 'lucide-react'
import { useSecretsStore } from '../store/secrets-store'

export function Toasts(): React.JSX.Element {
  const toasts = useSecretsStore((s) => s.toasts)
  const dismiss = useSecretsStore((s) => s.dismissToast)
  return (
    <div className="toasts">
      {toasts.map((toast) => (
        <div key={toast.id} role="status" className={`toast toast--${toast.tone}`}>
          <span className="toast__message">{toast.message}</span>
          <button
            type="button"
            className="toast__close"
            aria-label="Dismiss"
            onClick={() => dismiss(toast.id)}
          >
            <X aria-hidden="true" />
          </button>
        </div>
      ))}
    </div>
  )
}
