import type { ReactNode } from 'react'
import { Braces, FileBadge, KeyRound, KeySquare, Ticket } from 'lucide-react'
import {
  CREDENTIAL_TYPES,
  CREDENTIAL_TYPE_LABELS,
  type CredentialType,
} from '../../../../shared/domain'
import { ChoiceCards } from '../ui/choice-cards'
import type { FieldErrors } from '../ui/field-errors'

const DESCRIPTIONS: Record<CredentialType, string> = {
  'api-key': 'A key sent in a request header, such as X-API-Key.',
  'bearer-token': 'A token sent in a header, such as Authorization.',
  'client-credentials': 'An OAuth 2.0 client ID and secret, with the token URL.',
  certificate: 'A client certificate (.pem, .crt, .der, .p12) and its private key.',
  'key-value': 'A set of named values, typed in or read from a .env or JSON file.',
}

const ICONS: Record<CredentialType, ReactNode> = {
  'api-key': <KeyRound size={20} />,
  'bearer-token': <Ticket size={20} />,
  'client-credentials': <KeySquare size={20} />,
  certificate: <FileBadge size={20} />,
  'key-value': <Braces size={20} />,
}

interface TypeStepProps {
  value: CredentialType | null
  errors: FieldErrors
  onChange: (type: CredentialType) => void
}

/** Step 2: the credential type, which decides the fields of the next step. */
export function TypeStep({ value, errors, onChange }: TypeStepProps): ReactNode {
  return (
    <ChoiceCards
      label="Credential type"
      value={value}
      onChange={onChange}
      columns={1}
      error={errors['type']}
      choices={CREDENTIAL_TYPES.map((type) => ({
        value: type,
        label: CREDENTIAL_TYPE_LABELS[type],
        description: DESCRIPTIONS[type],
        icon: ICONS[type],
      }))}
    />
  )
}
