/**
 * The notification centre (DESIGN §2) and the settings the reminders follow. What leaves here is
 * a reminder's names, dates and words, never a value; settings are checked before anything is
 * written, and a rejected one changes nothing.
 */
import { AUDIT_RETENTION_DAYS } from '../../shared/domain'
import { SafeholdError } from '../../shared/errors'
import type { LoginItems } from '../app/login-items'
import type { VaultSettings, NotificationRecord } from '../vault/vault-state'
import type { VaultStore } from '../vault/vault-store'
import type { Clock } from './clock'
import { reminderText } from './reminder-text'
import { auditOp } from '../secrets/audit-op'

export interface NotificationView extends NotificationRecord {
  title: string
  body: string
}

export interface NotificationList {
  /** Newest first; at most the limit asked for. */
  items: NotificationView[]
  unread: number
  /** Every reminder kept, however many `items` holds. */
  total: number
}

/** What the bell is sent: the newest reminders, so a vault's years of them never cost a refresh. */
export const BELL_LIMIT = 200

export interface SettingsView {
  expiryReminderDays: number[]
  /** null: this process does not offer launching at login. */
  launchAtLogin: boolean | null
  autoLockMinutes: number
  auditRetentionDays: number
}

export const MAX_EXPIRY_REMINDERS = 5
export const MAX_EXPIRY_REMINDER_DAYS = 365

export function checkExpiryReminderDays(days: readonly number[]): number[] {
  const valid =
    days.length <= MAX_EXPIRY_REMINDERS &&
    days.every((d) => Number.isInteger(d) && d >= 1 && d <= MAX_EXPIRY_REMINDER_DAYS) &&
    new Set(days).size === days.length
  if (!valid) {
    throw new SafeholdError(
      'INVALID_INPUT',
      `Expiry reminders take up to ${MAX_EXPIRY_REMINDERS} different whole numbers of days, each from 1 to ${MAX_EXPIRY_REMINDER_DAYS}.`,
      'expiryReminderDays',
    )
  }
  return [...days].sort((a, b) => b - a)
}

export class NotificationCentre {
  constructor(
    private readonly store: VaultStore,
    private readonly clock: Clock,
    private readonly loginItems: LoginItems | null = null,
  ) {}

  /** The reminders sent, newest first: all of them, or the newest `limit`. */
  async list(limit = Infinity): Promise<NotificationList> {
    await this.store.refresh()
    return this.view(limit)
  }

  async markAllRead(limit = Infinity): Promise<NotificationList> {
    await this.store.transact((state) => ({
      ops: state.notifications.some((n) => !n.read)
        ? [{ op: 'notifications.read' as const, ids: null }]
        : [],
      result: null,
    }))
    return this.view(limit)
  }

  async settings(): Promise<SettingsView> {
    await this.store.refresh()
    return this.settingsView()
  }

  async updateSettings(patch: {
    expiryReminderDays?: number[]
    launchAtLogin?: boolean
    autoLockMinutes?: number
    auditRetentionDays?: number
  }): Promise<SettingsView> {
    if (patch.launchAtLogin !== undefined && this.loginItems === null) {
      throw new SafeholdError(
        'INVALID_INPUT',
        'Launching at login is set in the desktop app.',
        'launchAtLogin',
      )
    }
    if (patch.expiryReminderDays !== undefined) {
      const days = checkExpiryReminderDays(patch.expiryReminderDays)
      await this.saveSetting(
        { expiryReminderDays: days },
        `expiry reminders ${days.join(', ')} days before`,
      )
    }
    if (patch.autoLockMinutes !== undefined) {
      const minutes = patch.autoLockMinutes
      await this.saveSetting({ autoLockMinutes: minutes }, `locks after ${minutes} idle minutes`)
    }
    if (patch.auditRetentionDays !== undefined) {
      const days = patch.auditRetentionDays
      const { min, max } = AUDIT_RETENTION_DAYS
      if (!Number.isInteger(days) || days < min || days > max) {
        throw new SafeholdError(
          'INVALID_INPUT',
          `The audit log keeps entries for a whole number of days from ${min} to ${max}.`,
          'auditRetentionDays',
        )
      }
      await this.saveSetting({ auditRetentionDays: days }, `audit log kept ${days} days`)
    }
    if (patch.launchAtLogin !== undefined) this.loginItems?.set(patch.launchAtLogin)
    return this.settingsView()
  }

  /** Changes settings and says so in the audit log, in one transaction. */
  private async saveSetting(change: Partial<VaultSettings>, detail: string): Promise<void> {
    await this.store.transact((state) => ({
      ops: [
        { op: 'settings.set', settings: { ...state.settings, ...change } },
        auditOp(this.clock, state, 'settings-changed', undefined, detail),
      ],
      result: null,
    }))
  }

  private view(limit: number): NotificationList {
    const all = this.store.state.notifications
    const items: NotificationView[] = []
    let unread = 0
    for (let i = all.length - 1; i >= 0; i--) {
      const record = all[i]!
      if (!record.read) unread++
      if (items.length < limit) items.push({ ...record, ...reminderText(record) })
    }
    return { items, unread, total: all.length }
  }

  private settingsView(): SettingsView {
    return {
      expiryReminderDays: [...this.store.state.settings.expiryReminderDays],
      launchAtLogin: this.loginItems === null ? null : this.loginItems.get(),
      autoLockMinutes: this.store.state.settings.autoLockMinutes,
      auditRetentionDays: this.store.state.settings.auditRetentionDays,
    }
  }
}
