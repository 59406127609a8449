/**
 * A connection test's answer as main worded it: a sentence that says whether the connection
 * works and, if not, why, then the facts under it (status, token type and lifetime, the server's
 * certificate). Announced politely when it appears; it never holds a value or a token.
 */
import { CircleAlert, CircleCheck } from 'lucide-react'
import type { ReactNode } from 'react'
import { resultFacts, type ConnectionTestResult } from '../store/connection-tests'

export function ConnectionResult({ result }: { result: ConnectionTestResult }): ReactNode {
  const Icon = result.works ? CircleCheck : CircleAlert
  return (
    <div
      className={`connection-result connection-result--${result.works ? 'works' : 'fails'}`}
      role="status"
    >
      <Icon aria-hidden size={16} className="connection-result__icon" />
      <div className="connection-result__body">
        <p className="connection-result__message">{result.message}</p>
        <p className="connection-result__facts">{resultFacts(result).join(' · ')}</p>
      </div>
    </div>
  )
}
