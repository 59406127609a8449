/**
 * The renderer's state: metadata of the vault and its secrets, which dialog is open, and toasts.
 * It talks to main only through window.safehold, and never holds a secret's value.
 */
import { create } from 'zustand'
import type { Role } from '../../../shared/domain'
import type { ErrorInfo } from '../../../shared/errors'
import type { SafeholdApi } from '../../../shared/ipc-contract'
import type { ProfileView, SecretSummary } from '../../../shared/secret-view'
import { reportRefusal } from '../vault/refusals'
import { watchBridge } from '../vault/watched-bridge'

export type DialogState =
  | { kind: 'register' }
  | { kind: 'edit'; id: string }
  /** `choice` only when the user already chose (Upcoming's "Schedule deletion"). */
  | { kind: 'delete'; id: string; choice?: 'now' | 'schedule' }
  | { kind: 'cancel-deletion'; id: string }
  | { kind: 'add-workspace' }
  /** "Import .env": a file previewed by main, then imported as one secret or one per key. */
  | { kind: 'import-env' }
  | { kind: 'restore-previous'; id: string }
  /** "Test connection" for a secret tested against an address the user gives. */
  | { kind: 'test-connection'; id: string }
  /** Settings: the Account Holder gives up the role for `role`, after a confirmation. */
  | { kind: 'change-role'; role: Role }
  | null

export interface Toast {
  id: number
  message: string
  tone: 'success' | 'error' | 'info'
}

export type ScopeTab =
  { kind: 'organization' } | { kind: 'workspace'; workspace: string } | { kind: 'personal' }

/** What the centre of the window shows: the listing of `scope`, or one of the sidebar pages. */
export type AppView = 'secrets' | 'upcoming' | 'history' | 'leak-scan' | 'settings'

/** What Upcoming shows: the whole timeline, or only the deletions the 15-day banner counts. */
export type UpcomingFilter = 'all' | 'deletions-within-15-days'

interface SecretsState {
  profile: ProfileView | null
  vaultDir: string
  secrets: SecretSummary[]
  loading: boolean
  /** A failure to load, shown in place of the table. */
  error: ErrorInfo | null
  scope: ScopeTab
  view: AppView
  upcomingFilter: UpcomingFilter
  selectedId: string | null
  dialog: DialogState
  toasts: Toast[]
  refresh: () => Promise<void>
  /** Shows the listing of `scope` (and closes the details drawer). */
  setScope: (scope: ScopeTab) => void
  setView: (view: AppView) => void
  /** Opens Upcoming showing `filter` (the sidebar shows it all; the banner's Review, its own). */
  showUpcoming: (filter: UpcomingFilter) => void
  /**
   * Shows one secret: its scope's listing with its row selected and the details drawer open.
   * False when the vault no longer holds it (a reminder about a deleted secret).
   */
  openSecret: (id: string) => boolean
  /** Replaces the profile with the one main returned (workspaces:add, profile:update). */
  setProfile: (profile: ProfileView) => void
  select: (id: string | null) => void
  openDialog: (dialog: DialogState) => void
  closeDialog: () => void
  toast: (message: string, tone?: Toast['tone']) => void
  dismissToast: (id: number) => void
}

let watched: { bridge: SafeholdApi; api: SafeholdApi } | null = null

/** window.safehold; an answer that says the vault is locked makes the window look at once. */
export function api(): SafeholdApi {
  const bridge = window.safehold
  if (!bridge) throw new Error('The Safehold bridge is missing: open this page from the app.')
  if (watched?.bridge !== bridge) watched = { bridge, api: watchBridge(bridge, reportRefusal) }
  return watched.api
}

function loadVault() {
  return Promise.all([api().app.state({}), api().secrets.list({})])
}

let nextToast = 1

/** `workspace:Ops` → the Ops workspace tab. */
function scopeTabOf(scope: string): ScopeTab {
  if (scope.startsWith('workspace:')) return { kind: 'workspace', workspace: scope.slice(10) }
  return scope === 'personal' ? { kind: 'personal' } : { kind: 'organization' }
}

export const useSecretsStore = create<SecretsState>((set, get) => ({
  profile: null,
  vaultDir: '',
  secrets: [],
  loading: true,
  error: null,
  scope: { kind: 'organization' },
  view: 'secrets',
  upcomingFilter: 'all',
  selectedId: null,
  dialog: null,
  toasts: [],
  async refresh() {
    let loaded: Awaited<ReturnType<typeof loadVault>>
    try {
      loaded = await loadVault()
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      return set({ loading: false, error: { code: 'IO_ERROR', message } })
    }
    const [state, list] = loaded
    // The renderer bench measures from here to the painted table (listing/paint-marks.ts).
    performance.mark('secrets:data')
    if (!state.ok) return set({ loading: false, error: state.error })
    if (!list.ok) return set({ loading: false, error: list.error })
    const { selectedId } = get()
    set({
      loading: false,
      error: null,
      profile: state.value.profile,
      vaultDir: state.value.vaultDir,
      secrets: list.value,
      selectedId: list.value.some((s) => s.id === selectedId) ? selectedId : null,
    })
  },
  setScope: (scope) => set({ scope, view: 'secrets', selectedId: null }),
  setView: (view) => set({ view, upcomingFilter: 'all', selectedId: null }),
  showUpcoming: (upcomingFilter) => set({ view: 'upcoming', upcomingFilter, selectedId: null }),
  openSecret(id) {
    const secret = get().secrets.find((candidate) => candidate.id === id)
    if (!secret) return false
    set({ scope: scopeTabOf(secret.scope), view: 'secrets', selectedId: id, dialog: null })
    return true
  },
  setProfile: (profile) => set({ profile }),
  select: (selectedId) => set({ selectedId }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  toast(message, tone = 'success') {
    const id = nextToast++
    set({ toasts: [...get().toasts, { id, message, tone }] })
    setTimeout(() => get().dismissToast(id), 5000)
  },
  dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
}))
