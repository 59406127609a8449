/**
 * What anyone outside the vault may know about a secret: metadata, never a value. This is the
 * shape of `safehold list/show --json` and of what the renderer receives; each type is the
 * output of its schema in ipc-contract.ts, which every response passes through before it leaves
 * main, so the two cannot disagree.
 */
import type { z } from 'zod'
import type {
  profileViewSchema,
  secretDetailsSchema,
  secretSummarySchema,
  usageSchema,
} from './ipc-contract'

export type UsageView = z.output<typeof usageSchema>

export type SecretSummary = z.output<typeof secretSummarySchema>

export type SecretDetails = z.output<typeof secretDetailsSchema>

export type ProfileView = z.output<typeof profileViewSchema>
