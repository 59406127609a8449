/**
 * How a new vault's key may be kept, in the order the welcome screen offers them: the OS keychain
 * first where it answers; where it does not, a passphrase first, chosen already, and the keychain
 * second with the reason main gave, so nobody is left wondering why.
 */
import type { IpcRequest, IpcResponse } from '../../../shared/ipc-contract'

export type Protection = IpcRequest<'vault:create'>['protection']
export type KeychainStatus = IpcResponse<'vault:state'>['keychain']

export interface ProtectionChoice {
  value: Protection
  /** The radio's accessible name. */
  label: string
  description: string
}

export interface ProtectionOffer {
  choices: ProtectionChoice[]
  /** The choice made for the user at first. */
  initial: Protection
  /** Why the passphrase comes first; null when the keychain answers. */
  notice: string | null
}

export function protectionOffer(keychain: KeychainStatus): ProtectionOffer {
  const passphrase: ProtectionChoice = {
    value: 'passphrase',
    label: 'Key under a passphrase',
    description:
      'You type it whenever Safehold starts or unlocks. At least 8 characters; nobody can recover it for you.',
  }
  if (!keychain.available) {
    return {
      choices: [
        passphrase,
        {
          value: 'keychain',
          label: `Key in ${keychain.label}`,
          description: keychain.reason ?? `${keychain.label} did not answer.`,
        },
      ],
      initial: 'passphrase',
      notice: `${keychain.label} did not answer, so a passphrase is offered first.`,
    }
  }
  return {
    choices: [
      {
        value: 'keychain',
        label: `Key in ${keychain.label}`,
        description: `Unlocks with your sign-in to this computer: the vault is as safe as your OS session. You can add a passphrase later in Settings.`,
      },
      passphrase,
    ],
    initial: 'keychain',
    notice: null,
  }
}
