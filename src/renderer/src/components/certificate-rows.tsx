/**
 * What the window shows of a certificate, in one order and one wording wherever it is shown (the
 * wizard, the edit dialog, the details drawer): the common name first, local times with their
 * zone, the chain's members, and the certificate's own SHA-256 — named so that nobody takes it for
 * Safehold's fingerprint of the stored value.
 */
import type { ReactNode } from 'react'
import type { CertificateFacts } from '../../../shared/domain'
import { CopyText } from './copy-text'
import { formatDateTime } from './dates'

export const CERTIFICATE_SHA256_LABEL = 'Certificate SHA-256'

export function certificateRows(
  facts: CertificateFacts,
  hasPrivateKey: boolean,
): [string, ReactNode][] {
  const rows: [string, ReactNode][] = [
    ['Subject', <span className="fact-text">{facts.subject}</span>],
    ['Issuer', <span className="fact-text">{facts.issuer}</span>],
  ]
  if (facts.subjectAltNames.length > 0)
    rows.push([
      'Subject alt names',
      <span className="fact-text">{facts.subjectAltNames.join(', ')}</span>,
    ])
  rows.push(
    ['Key type', facts.keyType],
    ['Valid from', <time dateTime={facts.notBefore}>{formatDateTime(facts.notBefore)}</time>],
    ['Valid until', <time dateTime={facts.notAfter}>{formatDateTime(facts.notAfter)}</time>],
    [
      'Serial number',
      <span className="fact-copyable">
        <span className="mono fact-text">{facts.serialNumber}</span>
        <CopyText text={facts.serialNumber} what="serial number" />
      </span>,
    ],
    [
      CERTIFICATE_SHA256_LABEL,
      <span className="fact-copyable">
        <span className="mono fact-text">{facts.fingerprintSha256}</span>
        <CopyText text={facts.fingerprintSha256} what="certificate SHA-256" />
      </span>,
    ],
    ['Chain', <ChainMembers facts={facts} />],
    ['Private key', hasPrivateKey ? 'Included' : 'Not included'],
  )
  return rows
}

function ChainMembers({ facts }: { facts: CertificateFacts }): React.JSX.Element {
  const members = facts.chain ?? []
  const count = facts.chainLength === 1 ? '1 certificate' : `${facts.chainLength} certificates`
  if (members.length === 0) {
    return <span>{facts.chainLength === 1 ? 'This certificate alone' : count}</span>
  }
  return (
    <span className="chain">
      <span>{count}: this one, then</span>
      <ol className="chain__members" aria-label="Chain">
        {members.map((member, index) => (
          <li key={`${index}-${member.subject}`} className="chain__member">
            <span className="fact-text">{member.subject}</span>
            <span className="chain__expiry">
              valid until <time dateTime={member.notAfter}>{formatDateTime(member.notAfter)}</time>
            </span>
          </li>
        ))}
      </ol>
    </span>
  )
}
