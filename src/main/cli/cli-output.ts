/** How the CLI prints: aligned tables for people, JSON for programs. Never a value. */
import { CREDENTIAL_TYPE_LABELS, STATUS_LABELS } from '../../shared/domain'
import { printable } from '../../shared/name-text'
import type { ProfileView, SecretDetails, SecretSummary } from '../../shared/secret-view'
import type { CliOutput } from './cli-io'
import { dateWithDistance } from './deletion-warning'

export { printable }

export function printJson(value: unknown, out: CliOutput): void {
  out.write(JSON.stringify(value, null, 2) + '\n')
}

const day = (iso: string | null): string => (iso === null ? '—' : iso.slice(0, 10))

/** DESIGN §6.1: `list --json` gives exactly these keys per secret, whatever the app is sent. */
const LIST_KEYS = [
  'id',
  'name',
  'type',
  'scope',
  'availability',
  'createdAt',
  'updatedAt',
  'lastUsedAt',
  'expiresAt',
  'status',
  'deletesAt',
  'usages',
] as const satisfies readonly (keyof SecretSummary)[]

/** `show --json` adds what the details show: non-secret fields, certificate facts, metadata. */
const SHOW_KEYS = [
  ...LIST_KEYS,
  'fields',
  'keys',
  'certificate',
  'hasPrivateKey',
  'fingerprint',
  'notes',
  'tags',
  'favourite',
  'previous',
] as const satisfies readonly (keyof SecretDetails)[]

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, value[key]])) as Pick<T, K>
}

/** A secret as `list --json` prints it. */
export const listJson = (secret: SecretSummary) => pick(secret, LIST_KEYS)

/** A secret as `show --json` (and every command that prints one secret) prints it. */
export const showJson = (secret: SecretDetails) => pick(secret, SHOW_KEYS)

/** Notes as lines a terminal shows as stored: tabs as spaces, anything else escaped. */
export function noteLines(notes: string): string[] {
  return notes === '' ? [] : notes.split('\n').map((line) => line.replace(/\t/g, '    '))
}

/** Rows as lines whose columns line up, every cell printable. */
export function alignRows(rows: string[][]): string[] {
  rows = rows.map((row) => row.map(printable))
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
  return rows.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  )
}

export function printTable(rows: string[][], out: CliOutput): void {
  for (const line of alignRows(rows)) out.write(line + '\n')
}

export function printSecretList(secrets: SecretSummary[], out: CliOutput): void {
  if (secrets.length === 0) {
    out.write(
      'No secrets yet. Register one with "safehold register --type api-key --name NAME --scope personal ...".\n',
    )
    return
  }
  printTable(
    [
      [
        'SECRET NAME',
        'CREDENTIAL TYPE',
        'SCOPE',
        'AVAILABILITY',
        'CREATED',
        'EXPIRES',
        'STATUS',
        'DELETES',
      ],
      ...secrets.map((s) => [
        s.name,
        CREDENTIAL_TYPE_LABELS[s.type],
        s.scope,
        s.availability ?? '—',
        day(s.createdAt),
        day(s.expiresAt),
        STATUS_LABELS[s.status],
        s.deletesAt === null ? '' : day(s.deletesAt),
      ]),
    ],
    out,
  )
}

/** `now` (epoch ms) says how far the deletion is. */
export function printSecretDetails(secret: SecretDetails, out: CliOutput, now: number): void {
  const lines: [string, string][] = [
    ['Secret name', secret.name],
    ['Credential type', CREDENTIAL_TYPE_LABELS[secret.type]],
    ['Scope', secret.scope],
    ['Availability', secret.availability ?? '—'],
    ['Status', STATUS_LABELS[secret.status]],
    ['Created', secret.createdAt],
    ['Last change', secret.updatedAt],
    ['Last use', secret.lastUsedAt ?? 'never'],
    ['Expires', secret.expiresAt ?? 'never'],
    ['Deletes at', secret.deletesAt === null ? '—' : dateWithDistance(secret.deletesAt, now)],
    ['Fingerprint', secret.fingerprint],
    ...Object.entries(secret.fields).map(([k, v]): [string, string] => [k, v]),
  ]
  if (secret.keys.length) lines.push(['Keys', secret.keys.join(', ')])
  if (secret.certificate) {
    const c = secret.certificate
    lines.push(
      ['Subject', c.subject],
      ['Issuer', c.issuer],
      ['Serial', c.serialNumber],
      ['SHA-256', c.fingerprintSha256],
      ['Valid from', c.notBefore],
      ['Valid until', c.notAfter],
      ['Key type', c.keyType],
      ['Alt names', c.subjectAltNames.join(', ') || '—'],
      ['Chain length', String(c.chainLength)],
      ['Private key', secret.hasPrivateKey ? 'yes' : 'no'],
    )
  }
  if (secret.previous !== null) {
    const { fingerprint, replacedAt, purgesAt } = secret.previous
    lines.push([
      'Previous value',
      `${fingerprint}, replaced ${replacedAt}; restorable until ${dateWithDistance(purgesAt, now)}`,
    ])
  }
  if (secret.tags.length) lines.push(['Tags', secret.tags.join(', ')])
  noteLines(secret.notes).forEach((line, i) => lines.push([i === 0 ? 'Notes' : '', line]))
  const width = Math.max(...lines.map(([label]) => label.length))
  for (const [label, value] of lines) out.write(`${label.padEnd(width)}  ${printable(value)}\n`)
  out.write(secret.usages.length ? '\nWhere it is used:\n' : '\nNot used yet.\n')
  for (const u of secret.usages) {
    out.write(`  ${u.consumer}: ${u.count} use(s), first ${u.firstUsedAt}, last ${u.lastUsedAt}\n`)
  }
}

export function printProfile(profile: ProfileView, out: CliOutput): void {
  const role = {
    'account-holder': 'Account Holder',
    'account-manager': 'Account Manager',
    member: 'Member',
  }[profile.role]
  out.write(
    `Organization  ${profile.organization}\nUser          ${profile.user}\nRole          ${role}\nWorkspaces    ${profile.workspaces.join(', ') || '—'}\nKey           ${profile.protection}\n`,
  )
}
