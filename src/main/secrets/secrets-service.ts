/**
 * Registering, listing, showing, editing and deleting secrets (the profile and workspaces are
 * ProfileService's). Every
 * change runs as one vault transaction on the freshest state, after every rule has passed; what
 * leaves this service is metadata, never a value.
 */
import { randomUUID } from 'node:crypto'
import { SafeholdError } from '../../shared/errors'
import type { EditRequest, RegisterRequest, SecretRef } from '../../shared/secret-requests'
import type { ProfileView, SecretDetails, SecretSummary } from '../../shared/secret-view'
import { certificateReader, type CertificateReader } from '../certificates/certificate-reader'
import type { Clock } from '../lifecycle/clock'
import type { AuditEntry, StoredSecret, VaultOp, VaultState } from '../vault/vault-state'
import type { VaultStore } from '../vault/vault-store'
import { assertMayChange } from './permissions'
import { auditOp } from './audit-op'
import { ProfileService, type ProfilePatch } from './profile-service'
import { validateRegistration, type PreparedRegistration } from './secret-input'
import { applyEdit, editAudit, onlyStars, readEditFiles, type PreparedEdit } from './secret-edit'
import { purgeOfReplaced, restorePrevious } from './previous-value'
import { historyDetail } from './history-labels'
import { assertNameFree, existingScope } from './scope-names'
import {
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
  /** Only secrets with this tag, compared without case. */
  tag?: string
}

export class SecretsService {
  readonly profiles: ProfileService

  constructor(
    private readonly store: VaultStore,
    private readonly clock: Clock,
    /** What protects the key: fixed, or read afresh at each profile view. */
    protection: string | (() => string),
    /** Reads certificate and key files off this thread, under a time limit. */
    readonly certificates: CertificateReader = certificateReader(),
  ) {
    this.profiles = new ProfileService(store, clock, protection)
  }

  private audit(
    state: VaultState,
    action: string,
    secret?: StoredSecret,
    detail?: string,
  ): VaultOp {
    return auditOp(this.clock, state, action, secret, detail)
  }

  // The profile and workspaces live in ProfileService; here too for callers that hold only this.
  profile(): ProfileView {
    return this.profiles.profile()
  }

  updateProfile(patch: ProfilePatch): Promise<ProfileView> {
    return this.profiles.updateProfile(patch)
  }

  addWorkspace(name: string): Promise<ProfileView> {
    return this.profiles.addWorkspace(name)
  }

  renameWorkspace(from: string, to: string): Promise<ProfileView> {
    return this.profiles.renameWorkspace(from, to)
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
      const scope = existingScope(state, valid.scope)
      assertNameFree(state, valid.name, scope)
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
        ...(content.notes === undefined ? {} : { notes: content.notes }),
        ...(content.tags === undefined ? {} : { tags: content.tags }),
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
        : scopeKey(existingScope(this.store.state, parseScope(filter.scope)))
    const tag = filter.tag?.toLowerCase()
    return Object.values(this.store.state.secrets)
      .filter((s) => scope === undefined || scopeKey(s.scope) === scope)
      .filter((s) => tag === undefined || (s.tags ?? []).some((t) => t.toLowerCase() === tag))
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
        detail === undefined
          ? { at, actor, action }
          : { at, actor, action, detail: historyDetail(action, detail) },
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
      // Starring is a view preference, not an edit: any role, no activity, not audited.
      if (!onlyStars(request)) assertMayChange(state.profile.role, current.scope, 'edit')
      const edited = applyEdit(current, request, now, files)
      warnings = edited.warnings
      const audits = editAudit(current, edited)
      if (audits.length === 0) {
        if (!edited.favouriteChanged) return { ops: [], result: current }
        const favourite = edited.secret.favourite ?? false
        return {
          ops: [{ op: 'secret.favourite', id: current.id, favourite }],
          result: { ...current, favourite },
        }
      }
      if (edited.renamedFrom !== null)
        assertNameFree(state, edited.secret.name, current.scope, current.id)
      return {
        ops: [
          ...purgeOfReplaced(current, edited.secret),
          { op: 'secret.put', secret: edited.secret },
          ...audits.map(([action, detail]) => this.audit(state, action, edited.secret, detail)),
        ],
        result: edited.secret,
      }
    })
    return { secret: toDetails(secret, now, this.store.state.fingerprintKey), warnings }
  }

  /**
   * "Restore previous value": current and previous swap in one step, so the restore itself can
   * be undone; an edit, audited, and refused when there is no previous value (or its 30 days are
   * over).
   */
  async restorePrevious(ref: SecretRef): Promise<RegisterResult> {
    const now = this.clock.now()
    let warnings: string[] = []
    const secret = await this.store.transact((state) => {
      const current = resolveLiveSecret(state, ref, now.getTime())
      assertMayChange(state.profile.role, current.scope, 'edit')
      const restored = restorePrevious(current, now)
      warnings = restored.warnings
      const detail = `the value replaced on ${restored.restored.replacedAt.slice(0, 10)}`
      return {
        ops: [
          { op: 'secret.put', secret: restored.secret },
          this.audit(state, 'previous-value-restored', restored.secret, detail),
        ],
        result: restored.secret,
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
}
