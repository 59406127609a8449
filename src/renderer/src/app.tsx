import { CREDENTIAL_TYPES, CREDENTIAL_TYPE_LABELS } from '../../shared/domain'

/** The first window: says what Safehold is and how to reach the vault until the full UI lands. */
export function App(): React.JSX.Element {
  return (
    <main className="welcome">
      <h1>Safehold</h1>
      <p>
        Your secrets, encrypted on this machine, with the key in the operating system&apos;s
        keychain.
      </p>
      <p>Credential types:</p>
      <ul aria-label="Credential types">
        {CREDENTIAL_TYPES.map((type) => (
          <li key={type}>{CREDENTIAL_TYPE_LABELS[type]}</li>
        ))}
      </ul>
      <p>
        Manage the vault from a terminal with <code>safehold</code>; run{' '}
        <code>safehold --help</code> to see every command.
      </p>
    </main>
  )
}
