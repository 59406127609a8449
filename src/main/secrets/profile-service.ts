/**
 * The vault's organization profile (DESIGN §1.2): the local user's name and role, and the
 * workspaces, added and renamed. Every change is one vault transaction on the freshest state,
 * after its rules have passed, and is audited.
 */
import { ROLE_LABELS, type Role } from '../../shared/domain'
import { SafeholdError } from '../../shared/errors'
import { personNameSchema } from '../../shared/secret-rules'
import type { ProfileView } from '../../shared/secret-view'
import type { Clock } from '../lifecycle/clock'
import type { Profile } from '../vault/vault-state'
import type { VaultStore } from '../vault/vault-store'
import { auditOp } from './audit-op'
import { check } from './rule-check'
import { existingWorkspace, freeWorkspaceName } from './scope-names'

export interface ProfilePatch {
  user?: string
  role?: Role
  confirmDemotion?: boolean
}

export class ProfileService {
  constructor(
    private readonly store: VaultStore,
    private readonly clock: Clock,
    /** What protects the key: fixed, or read afresh (a passphrase may be added while open). */
    private readonly protection: string | (() => string),
  ) {}

  profile(): ProfileView {
    const { profile, workspaces } = this.store.state
    const protection = typeof this.protection === 'string' ? this.protection : this.protection()
    return { ...profile, workspaces: [...workspaces], protection }
  }

  async updateProfile(patch: ProfilePatch): Promise<ProfileView> {
    await this.store.transact((state) => {
      const next: Profile = { ...state.profile }
      if (patch.user !== undefined) next.user = check(personNameSchema, patch.user, 'user')
      if (patch.role !== undefined && patch.role !== state.profile.role) {
        if (state.profile.role !== 'account-holder') {
          throw new SafeholdError(
            'FORBIDDEN_SCOPE',
            `Only the Account Holder can change the role; you are ${state.profile.role === 'member' ? 'a' : 'an'} ${ROLE_LABELS[state.profile.role]}.`,
            'role',
          )
        }
        if (!patch.confirmDemotion) {
          throw new SafeholdError(
            'CONFIRMATION_REQUIRED',
            `As ${ROLE_LABELS[patch.role]} you can no longer change roles, so you cannot promote yourself back to Account Holder. Confirm the change to go ahead.`,
            'role',
          )
        }
        next.role = patch.role
      }
      const detail = `user ${next.user}, role ${ROLE_LABELS[next.role]}`
      return {
        ops: [
          { op: 'profile.set', profile: next },
          auditOp(this.clock, state, 'profile-changed', undefined, detail),
        ],
        result: null,
      }
    })
    return this.profile()
  }

  async addWorkspace(name: string): Promise<ProfileView> {
    await this.store.transact((state) => {
      const valid = freeWorkspaceName(state, name)
      return {
        ops: [
          { op: 'workspace.add', name: valid },
          auditOp(this.clock, state, 'workspace-added', undefined, valid),
        ],
        result: null,
      }
    })
    return this.profile()
  }

  /**
   * Renames a workspace (as adding one, any role may): the same name rules, unique whatever its
   * case, though a workspace may change the case of its own name. Its secrets move with it, in
   * one journal op.
   */
  async renameWorkspace(from: string, to: string): Promise<ProfileView> {
    await this.store.transact((state) => {
      const stored = existingWorkspace(state, from, 'from')
      const valid = freeWorkspaceName(state, to, stored)
      if (valid === stored) return { ops: [], result: null }
      return {
        ops: [
          { op: 'workspace.rename', from: stored, to: valid },
          auditOp(this.clock, state, 'workspace-renamed', undefined, `${stored} → ${valid}`),
        ],
        result: null,
      }
    })
    return this.profile()
  }
}
