/**
 * A deterministic, realistic mix of secrets for the 10,000-secret benchmark vault: every type,
 * every scope, values of the sizes real credentials have (certificates with chains and keys,
 * JWT-sized bearer tokens, .env-sized key/value sets), usages, and dates that put secrets in every
 * lifecycle status. Values are random text, never parsed on open, so only their size matters.
 */
import { randomUUID } from 'node:crypto'
import { SPOTS, type Availability, type CredentialType, type Scope } from '../src/shared/domain'
import type { AuditEntry, StoredSecret, Usage } from '../src/main/vault/vault-state'

export const BENCH_WORKSPACES = ['platform', 'payments', 'data', 'mobile', 'web', 'ops', 'ml', 'qa']
/** The secret `safehold get` fetches: an API key in organization scope, like most lookups. */
export const TARGET_NAME = 'bench-target-api-key'

const DAY_MS = 86_400_000
const TAGS = [
  'prod',
  'staging',
  'dev',
  'billing',
  'payments',
  'ci',
  'eu',
  'us',
  'legacy',
  'rotate-q3',
  'team_ops',
  'pci',
]
const NOTE_WORDS = [
  'rotate',
  'before',
  'the',
  'quarterly',
  'audit',
  'owner',
  'platform',
  'team',
  'ticket',
  'OPS-4821',
  'used',
  'by',
  'nightly',
  'export',
  'ask',
  'in',
  '#payments',
  'expires',
  'with',
  'vendor',
  'contract',
  'scoped',
  'to',
  'read-only',
  'do',
  'not',
  'share',
  'replaces',
  'old',
  'key',
  'see',
  'runbook',
]
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const BASE64 = BASE62 + '+/'

/** mulberry32: small, fast and seeded, so every run builds the same vault. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface MixSummary {
  secrets: number
  byType: Record<CredentialType, number>
  auditEntries: number
}

export class SecretFactory {
  private readonly random: () => number

  constructor(
    private readonly now: Date,
    seed = 0x5afe,
  ) {
    this.random = prng(seed)
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1))
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!
  }

  private text(length: number, alphabet = BASE62): string {
    let out = ''
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.random() * alphabet.length)]
    return out
  }

  private pem(label: string, bytes: number): string {
    const body = this.text(Math.ceil((bytes * 4) / 3), BASE64)
      .match(/.{1,64}/g)!
      .join('\n')
    return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`
  }

  private iso(offsetDays: number): string {
    return new Date(this.now.getTime() + offsetDays * DAY_MS).toISOString()
  }

  private typeFor(index: number): CredentialType {
    const r = (index * 37) % 100
    if (r < 30) return 'api-key'
    if (r < 55) return 'bearer-token'
    if (r < 75) return 'client-credentials'
    if (r < 85) return 'certificate'
    return 'key-value'
  }

  private scope(): { scope: Scope; availability: Availability | null } {
    const r = this.random()
    if (r < 0.6) {
      const availability: Availability =
        this.random() < 0.85 ? { kind: 'organization' } : { kind: 'spot', spot: this.pick(SPOTS) }
      return { scope: { kind: 'organization' }, availability }
    }
    if (r < 0.85) {
      return {
        scope: { kind: 'workspace', workspace: this.pick(BENCH_WORKSPACES) },
        availability: null,
      }
    }
    return { scope: { kind: 'personal' }, availability: null }
  }

  private content(type: CredentialType): Pick<
    StoredSecret,
    'fields' | 'values' | 'keys' | 'certificate'
  > & {
    notAfter: string | null
  } {
    const none = { keys: [], certificate: null, notAfter: null }
    switch (type) {
      case 'api-key':
        return {
          ...none,
          fields: { headerName: 'X-Api-Key' },
          values: { value: `sk_live_${this.text(40)}` },
        }
      case 'bearer-token':
        return {
          ...none,
          fields: { headerName: 'Authorization' },
          values: {
            headerValue: `Bearer ${this.text(36)}.${this.text(this.int(200, 600))}.${this.text(43)}`,
          },
        }
      case 'client-credentials':
        return {
          ...none,
          fields: {
            clientId: randomUUID(),
            url: `https://auth${this.int(1, 40)}.example.com/oauth2/token`,
          },
          values: { clientSecret: this.text(48) },
        }
      case 'certificate': {
        const rsa = this.random() < 0.5
        const chain = this.int(1, 3)
        let certificate = ''
        for (let i = 0; i < chain; i++) certificate += this.pem('CERTIFICATE', rsa ? 980 : 560)
        const values: Record<string, string> = { certificate }
        if (this.random() < 0.7) values['privateKey'] = this.pem('PRIVATE KEY', rsa ? 1218 : 138)
        const notAfter = this.iso(this.int(-20, 400))
        const host = `svc${this.int(1, 999)}.internal.example.com`
        return {
          fields: {},
          values,
          keys: [],
          notAfter,
          certificate: {
            subject: `CN=${host}, O=Bench Org`,
            issuer: 'CN=Bench Issuing CA 2, O=Bench Org',
            serialNumber: this.text(32, '0123456789ABCDEF'),
            fingerprintSha256: this.text(64, '0123456789ABCDEF').match(/../g)!.join(':'),
            notBefore: this.iso(-400),
            notAfter,
            keyType: rsa ? 'RSA 2048' : 'EC P-256',
            subjectAltNames: [`DNS:${host}`, `DNS:www.${host}`],
            chainLength: chain,
          },
        }
      }
      case 'key-value': {
        const count = this.int(3, 12)
        const keys: string[] = []
        const values: Record<string, string> = {}
        for (let i = 0; i < count; i++) {
          const key = `${this.pick(['DB', 'API', 'SMTP', 'CACHE', 'QUEUE', 'S3'])}_${this.text(6).toUpperCase()}_${i}`
          keys.push(key)
          values[`pair:${key}`] = this.text(this.int(12, 64))
        }
        return { fields: {}, values, keys, certificate: null, notAfter: null }
      }
    }
  }

  /** Notes on about one secret in six, tags on about a third, a few favourites (DESIGN §1.1). */
  private metadata(): { notes: string | null; tags: string[]; favourite: boolean } {
    const notes =
      this.random() < 0.15
        ? Array.from({ length: this.int(8, 60) }, () => this.pick(NOTE_WORDS)).join(' ')
        : null
    const tags: string[] = []
    if (this.random() < 0.35) {
      for (let i = this.int(1, 3); i > 0; i--) {
        const tag = this.pick(TAGS)
        if (!tags.includes(tag)) tags.push(tag)
      }
    }
    return { notes, tags, favourite: this.random() < 0.02 }
  }

  /** Secret number `index`, plus the audit entries its history would have left. */
  secret(index: number, name?: string): { secret: StoredSecret; audit: AuditEntry[] } {
    const type = name === TARGET_NAME ? 'api-key' : this.typeFor(index)
    const { scope, availability } =
      name === TARGET_NAME
        ? {
            scope: { kind: 'organization' } as Scope,
            availability: { kind: 'organization' } as Availability,
          }
        : this.scope()
    const { notAfter, ...content } = this.content(type)
    const drawn = this.int(0, 55)
    // The secret `get` fetches is in daily use, so no use of it cancels a pending deletion.
    const idleDays = name === TARGET_NAME ? 0 : drawn
    const lastActivityAt = this.iso(-idleDays)
    const createdAt = this.iso(-idleDays - this.int(0, 650))
    const scheduled = name !== TARGET_NAME && this.random() < 0.05
    const expiresAt = notAfter ?? (this.random() < 0.3 ? this.iso(this.int(-30, 365)) : null)
    const id = randomUUID()
    const secretName =
      name ?? `${type}-${String(index).padStart(5, '0')}-${this.text(4).toLowerCase()}`
    const usages: Record<string, Usage> = {}
    const audit: AuditEntry[] = [
      { at: createdAt, actor: 'bench', action: 'registered', secretId: id, secretName },
    ]
    if (this.random() < 0.4) {
      for (let i = this.int(1, 3); i > 0; i--) {
        const consumer = this.pick([
          'deploy-script',
          'ci',
          'cron-backup',
          `spot:${this.pick(SPOTS)}`,
        ])
        usages[consumer] = {
          firstUsedAt: createdAt,
          lastUsedAt: lastActivityAt,
          count: this.int(1, 500),
        }
        audit.push({
          at: lastActivityAt,
          actor: consumer,
          action: 'used',
          secretId: id,
          secretName,
        })
      }
    }
    const lastUsedAt = Object.keys(usages).length > 0 ? lastActivityAt : null
    const { notes, tags, favourite } = this.metadata()
    return {
      secret: {
        id,
        name: secretName,
        type,
        scope,
        availability,
        ...content,
        createdAt,
        updatedAt: lastActivityAt,
        lastUsedAt,
        lastActivityAt,
        expiresAt,
        scheduledAt: scheduled ? this.iso(-this.int(0, 25)) : null,
        usages,
        ...(notes === null ? {} : { notes }),
        ...(tags.length === 0 ? {} : { tags }),
        ...(favourite ? { favourite } : {}),
      },
      audit,
    }
  }
}
