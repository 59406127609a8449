/** What each role may do (DESIGN §1.2), in the words Settings and its confirmation use. */
import type { Role } from '../../../shared/domain'

export const ROLE_RULES: Record<Role, string> = {
  'account-holder':
    'You can register, edit and delete organization secrets, and change roles. The vault’s creator is its Account Holder.',
  'account-manager': 'You can register, edit and delete organization secrets.',
  member:
    'You can use organization secrets, and manage workspace and personal ones. Organization secrets are changed by an Account Holder or Account Manager.',
}

/** "a Member", "an Account Manager". */
export function withArticle(label: string): string {
  return `${/^[AEIOU]/.test(label) ? 'an' : 'a'} ${label}`
}
