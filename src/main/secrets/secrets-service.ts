/**
 * Registering, listing, showing, editing and deleting secrets, and the vault's profile. Every
 * change runs as one vault transaction on the freshest state, after every rule has passed; what
 * leaves this service is metadata, never a value.
 */
import { randomUUID } from 'node:crypto'
import { ROLE_LABELS, type Role, type Scope } from '../../shared/domain'
import { SafeholdError } from '../../shared/errors'
import { quoted } from '../../shared/name-text'
import { nameKey, personNameSchema, workspaceNameSchema } from '../../shared/secret-rules'
import type { EditRequest, RegisterRequest, SecretRef } from '../../shared/secret-requests'
import type { ProfileView, SecretDetails, SecretSummary } from '../../shared/secret-view'
import { certificateReader, type CertificateReader } from '../certificates/certificate-reader'
import type { Clock } from '../lifecycle/clock'
import type { AuditEntry, Profile, StoredSecret, VaultOp, VaultState } from '../vault/vault-state'
import type { VaultStore } from '../vault/vault-store'
import { assertMayChange } from './permissions'
import { check, validateRegistration, type PreparedRegistration } from './secret-input'
import { applyEdit, readEditFiles, type PreparedEdit } from './secret-edit'
import {
  findByName,
  parseScope,
  resolveLiveSecret,
  resolveSecret,
  scopeKey,
  toDetails,
  toSummary,
} from './secret-lookup'

export interface RegisterResult {
  secret: SecretDetails
  warnings: string[]
}

export interface ListFilter {
  scope?: string
  status?: string
}

export class SecretsService {
  constructor(
    private readonly store: VaultStore,
    private readonly clock: Clock,
    private readonly protection: string,
    /** Reads certificate and key files off this thread, under a time limit. */
    readonly certificates: CertificateReader = certificateReader(),
  ) {}

  private audit(
    state: VaultState,
    action: string,
    secret?: StoredSecret,
    detail?: string,
  ): VaultOp {
    const entry: AuditEntry = {
      at: this.clock.now().toISOString(),
      actor: state.profile.user,
      action,
    }
    if (secret) Object.assign(entry, { secretId: secret.id, secretName: secret.name })
    if (detail) entry.detail = detail
    return { op: 'audit', entry }
  }

  profile(): ProfileView {
    const { profile, workspaces } = this.store.state
    return { ...profile, workspaces: [...workspaces], protection: this.protection }
  }

  async updateProfile(patch: {
    user?: string
    role?: Role
    confirmDemotion?: boolean
  }): Promise<ProfileView> {
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
          this.audit(state, 'profile-changed', undefined, detail),
        ],
        result: null,
      }
    })
    return this.profile()
  }

  async addWorkspace(name: string): Promise<ProfileView> {
    const valid = check(workspaceNameSchema, name, 'workspace')
    await this.store.transact((state) => {
      // Compared as normalized, case-folded keys: "Pay ments " is the workspace "pay ments".
      if (state.workspaces.some((w) => nameKey(w) === nameKey(valid))) {
        throw new SafeholdError(
          'WORKSPACE_EXISTS',
          `A workspace named ${quoted(valid, 'like that')} already exists.`,
          'workspace',
        )
      }
      return {
        ops: [
          { op: 'workspace.add', name: valid },
          this.audit(state, 'workspace-added', undefined, valid),
        ],
        result: null,
      }
    })
    return this.profile()
  }

  async register(request: RegisterRequest): Promise<RegisterResult> {
    return this.commitRegistration(await this.prepareRegistration(request))
  }

  /**
   * Every rule, and the files read (possibly for seconds, in the certificate worker). It reads no
   * vault state, so it runs before, and apart from, the transaction that holds the vault lock.
   */
  async prepareRegistration(request: RegisterRequest): Promise<PreparedRegistration> {
    const now = this.clock.now()
    return { valid: await validateRegistration(request, now, this.certificates), now }
  }

  async commitRegistration({ valid, now }: PreparedRegistration): Promise<RegisterResult> {
    const { warnings, ...content } = valid
    const secret = await this.store.transact((state) => {
      assertMayChange(state.profile.role, valid.scope, 'register')
      const scope = this.existingScope(state, valid.scope)
      this.assertNameFree(state, valid.name, scope)
      const at = now.toISOString()
      const stored: StoredSecret = {
        id: randomUUID(),
        name: content.name,
        type: content.type,
        scope,
        availability: content.availability,
        fields: content.fields,
        values: content.values,
        keys: content.keys,
        certificate: content.certificate,
        createdAt: at,
        updatedAt: at,
        lastUsedAt: null,
        lastActivityAt: at,
        expiresAt: content.expiresAt,
        scheduledAt: null,
        usages: {},
      }
      return {
        ops: [{ op: 'secret.put', secret: stored }, this.audit(state, 'registered', stored)],
        result: stored,
      }
    })
    return { secret: toDetails(secret, now, this.store.state.fingerprintKey), warnings }
  }

  async list(filter: ListFilter = {}): Promise<SecretSummary[]> {
    await this.store.refresh()
    const now = this.clock.now()
    // A workspace that does not exist is a mistake to name, not an empty listing.
    const scope =
      filter.scope === undefined
        ? undefined
        : scopeKey(this.existingScope(this.store.state, parseScope(filter.scope)))
    return Object.values(this.store.state.secrets)
      .filter((s) => scope === undefined || scopeKey(s.scope) === scope)
      .map((s) => toSummary(s, now))
      .filter((s) => filter.status === undefined || s.status === filter.status)
      .sort((a, b) => a.name.localeCompare(b.name) || a.scope.localeCompare(b.scope))
  }

  async show(ref: SecretRef): Promise<SecretDetails> {
    await this.store.refresh()
    const secret = resolveSecret(this.store.state, ref)
    return toDetails(secret, this.clock.now(), this.store.state.fingerprintKey)
  }

  /** The audit entries of one secret, newest first; never a value. */
  async history(ref: SecretRef): Promise<Pick<AuditEntry, 'at' | 'actor' | 'action' | 'detail'>[]> {
    await this.store.refresh()
    const secret = resolveSecret(this.store.state, ref)
    return this.store.state.audit
      .filter((entry) => entry.secretId === secret.id)
      .map(({ at, actor, action, detail }) =>
        detail === undefined ? { at, actor, action } : { at, actor, action, detail },
      )
      .reverse()
  }

  async edit(request: EditRequest): Promise<RegisterResult> {
    return this.commitEdit(await this.prepareEdit(request))
  }

  /** As prepareRegistration: the edit's files are read before, and apart from, the transaction. */
  async prepareEdit(request: EditRequest): Promise<PreparedEdit> {
    const now = this.clock.now()
    return { request, files: await readEditFiles(request, now, this.certificates), now }
  }

  async commitEdit({ request, files, now }: PreparedEdit): Promise<RegisterResult> {
    let warnings: string[] = []
    const secret = await this.store.transact((state) => {
      const current = resolveLiveSecret(state, request.ref, this.clock.now().getTime())
      assertMayChange(state.profile.role, current.scope, 'edit')
      const edited = applyEdit(current, request, now, files)
      warnings = edited.warnings
      // Saving without a change writes nothing and is no activity.
      if (edited.changed.length === 0) return { ops: [], result: current }
      return {
        ops: [
          { op: 'secret.put', secret: edited.secret },
          this.audit(state, 'edited', edited.secret, `changed ${edited.changed.join(', ')}`),
        ],
        result: edited.secret,
      }
    })
    return { secret: toDetails(secret, now, this.store.state.fingerprintKey), warnings }
  }

  /** Removes the secret at once; the snapshot is rewritten so its ciphertext leaves the live files. */
  async deleteNow(ref: SecretRef): Promise<void> {
    await this.store.transact((state) => {
      const secret = resolveSecret(state, ref)
      assertMayChange(state.profile.role, secret.scope, 'delete')
      return {
        ops: [{ op: 'secret.remove', id: secret.id }, this.audit(state, 'deleted', secret)],
        result: null,
        compact: true,
      }
    })
  }

  /** Marks the secret Scheduled for deletion; it is deleted 30 days later unless used or cancelled. */
  async scheduleDeletion(ref: SecretRef): Promise<SecretDetails> {
    return this.changeSchedule(
      ref,
      'deletion-scheduled',
      'schedule the deletion of',
      (secret, at) => {
        if (secret.scheduledAt !== null) {
          throw new SafeholdError(
            'INVALID_INPUT',
            `"${secret.name}" is already scheduled for deletion.`,
            'name',
          )
        }
        return { ...secret, scheduledAt: at }
      },
    )
  }

  /** Cancels a deletion scheduled by hand; counts as activity, so the secret is Active again. */
  async cancelDeletion(ref: SecretRef): Promise<SecretDetails> {
    return this.changeSchedule(
      ref,
      'deletion-cancelled',
      'cancel the deletion of',
      (secret, at) => {
        if (secret.scheduledAt === null) {
          throw new SafeholdError(
            'INVALID_INPUT',
            `"${secret.name}" is not scheduled for deletion.`,
            'name',
          )
        }
        return { ...secret, scheduledAt: null, lastActivityAt: at }
      },
    )
  }

  private async changeSchedule(
    ref: SecretRef,
    action: string,
    verb: string,
    change: (secret: StoredSecret, at: string) => StoredSecret,
  ): Promise<SecretDetails> {
    const now = this.clock.now()
    const secret = await this.store.transact((state) => {
      const current = resolveLiveSecret(state, ref, now.getTime())
      assertMayChange(state.profile.role, current.scope, verb)
      const next = change(current, now.toISOString())
      return {
        ops: [{ op: 'secret.put', secret: next }, this.audit(state, action, next)],
        result: next,
      }
    })
    return toDetails(secret, now, this.store.state.fingerprintKey)
  }

  /** The scope as the vault spells it: a workspace is found case-insensitively, like names. */
  private existingScope(state: VaultState, scope: Scope): Scope {
    if (scope.kind !== 'workspace') return scope
    const wanted = nameKey(scope.workspace)
    const workspace = state.workspaces.find((w) => nameKey(w) === wanted)
    if (workspace !== undefined) return { kind: 'workspace', workspace }
    const existing = state.workspaces.length
      ? `Existing workspaces: ${state.workspaces.join(', ')}.`
      : 'There are no workspaces yet; add one with "safehold workspace add NAME".'
    throw new SafeholdError(
      'WORKSPACE_NOT_FOUND',
      `There is no workspace ${quoted(scope.workspace, 'of that name')}. ${existing}`,
      'scope',
    )
  }

  private assertNameFree(state: VaultState, name: string, scope: Scope): void {
    const holder = findByName(state, name, scope)
    if (!holder) return
    const where =
      scope.kind === 'workspace'
        ? `workspace "${scope.workspace}"`
        : scope.kind === 'organization'
          ? 'the organization'
          : 'your personal secrets'
    if (holder.scheduledAt !== null) {
      throw new SafeholdError(
        'NAME_TAKEN',
        `The name "${holder.name}" is still taken in ${where} by a secret that is scheduled for deletion. Use "Cancel deletion" on it to keep that secret, or choose another name.`,
        'name',
      )
    }
    throw new SafeholdError(
      'NAME_TAKEN',
      `A secret named "${holder.name}" already exists in ${where}. Choose another name.`,
      'name',
    )
  }
}
