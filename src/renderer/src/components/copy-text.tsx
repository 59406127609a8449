/**
 * Copies a non-secret fact (a certificate's serial number or SHA-256) with the page's own
 * clipboard API. Values never take this path: they are copied by main (details/copy-button.tsx).
 */
import { Copy } from 'lucide-react'
import { useSecretsStore } from '../store/secrets-store'
import { IconButton } from './button'

/** `what` names the fact as a sentence does: "serial number", "certificate SHA-256". */
export function CopyText({ text, what }: { text: string; what: string }): React.JSX.Element {
  const toast = useSecretsStore((s) => s.toast)
  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(text)
      toast(`Copied the ${what}.`)
    } catch {
      toast(`The ${what} could not be copied; select it and copy it instead.`, 'error')
    }
  }
  return (
    <IconButton
      size="sm"
      className="copy-text"
      label={`Copy the ${what}`}
      icon={<Copy />}
      onClick={() => void copy()}
    />
  )
}
