/**
 * Notes, tags, favourites, rename, availability and workspace rename (DESIGN §1.1–§1.2) through the
 * SecretsService on a real vault with a fixed clock: what is stored and shown, what counts as an
 * edit (audited, activity) and what does not (the star), the rules with the message a user reads,
 * and that a refusal changes no file. A second store opened on the same folder sees every change,
 * so each one went through the journal.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SafeholdError, type ErrorCode } from '../../src/shared/errors'
import type { RegisterRequest } from '../../src/shared/secret-requests'
import { SecretsService } from '../../src/main/secrets/secrets-service'
import { openVault } from '../../src/main/vault/vault-access'
import { fileDigests } from '../support/cli'
import {
  createTestVault,
  keychainWith,
  makeTempDir,
  removeTempDirs,
  type TestVault,
} from '../support/vault-fixtures'

let vault: TestVault

const apiKey = (over: Partial<RegisterRequest> = {}): RegisterRequest => ({
  type: 'api-key',
  name: 'stripe-live',
  scope: { kind: 'organization' },
  fields: { headerName: 'X-Api-Key', value: 'sk_live_first' },
  ...over,
})

/** The same folder opened by another store, as another process would: only the journal tells it. */
async function reopened(): Promise<SecretsService> {
  const opened = await openVault(vault.dir, {
    keychain: keychainWith(vault.vaultId, vault.key),
    passphrase: null,
  })
  return new SecretsService(opened.store, vault.clock, opened.protection)
}

async function refusal(
  work: () => Promise<unknown>,
): Promise<{ code: ErrorCode; message: string; field?: string }> {
  const before = fileDigests(vault.dir)
  const error = await work().then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  expect(error, 'expected a refusal').toBeInstanceOf(SafeholdError)
  expect(fileDigests(vault.dir), 'a refusal changed the vault files').toEqual(before)
  return (error as SafeholdError).toInfo()
}

const historyOf = async (name: string) =>
  (await vault.service.history({ name })).map(({ action, detail }) => ({ action, detail }))

beforeEach(async () => {
  vault = await createTestVault(makeTempDir('metadata'))
})
afterEach(removeTempDirs)

describe('notes and tags', () => {
  it('are stored at registration and shown in the summary and the details', async () => {
    const notes = 'Rotated by the billing team.\n\tOwner: Ada (ext. 42) ✓'
    const { secret } = await vault.service.register(apiKey({ notes, tags: ['billing', 'Prod'] }))
    expect(secret).toMatchObject({ notes, tags: ['billing', 'Prod'], favourite: false })
    const [listed] = await vault.service.list()
    expect(listed).toMatchObject({ notes, tags: ['billing', 'Prod'], favourite: false })
    expect(await (await reopened()).show({ name: 'stripe-live' })).toMatchObject({ notes })
  })

  it('keep Windows line ends as plain line breaks', async () => {
    const { secret } = await vault.service.register(apiKey({ notes: 'one\r\ntwo' }))
    expect(secret.notes).toBe('one\ntwo')
  })

  it('are edits: audited by label, a new last change and activity', async () => {
    await vault.service.register(apiKey())
    vault.clock.set('2030-01-20T09:00:00.000Z')
    const { secret } = await vault.service.edit({
      ref: { name: 'stripe-live' },
      notes: 'Used by checkout.',
      tags: ['checkout'],
    })
    expect(secret).toMatchObject({
      notes: 'Used by checkout.',
      tags: ['checkout'],
      updatedAt: '2030-01-20T09:00:00.000Z',
    })
    expect((await historyOf('stripe-live'))[0]).toEqual({
      action: 'edited',
      detail: 'changed Notes, Tags',
    })
    const stored = vault.store.state.secrets[secret.id]!
    expect(stored.lastActivityAt).toBe('2030-01-20T09:00:00.000Z')
  })

  it('on edit: notes given replace, "" clears; tags given replace the list, [] clears', async () => {
    await vault.service.register(apiKey({ notes: 'first', tags: ['a', 'b'] }))
    const ref = { name: 'stripe-live' }
    expect((await vault.service.edit({ ref, tags: ['c'] })).secret).toMatchObject({
      notes: 'first',
      tags: ['c'],
    })
    expect((await vault.service.edit({ ref, notes: '' })).secret).toMatchObject({
      notes: '',
      tags: ['c'],
    })
    expect((await vault.service.edit({ ref, tags: [] })).secret.tags).toEqual([])
    expect((await (await reopened()).show(ref)).tags).toEqual([])
  })

  it('saved unchanged write nothing and are no activity', async () => {
    await vault.service.register(apiKey({ notes: 'same', tags: ['x'] }))
    const before = fileDigests(vault.dir)
    vault.clock.set('2030-01-25T09:00:00.000Z')
    const { secret } = await vault.service.edit({
      ref: { name: 'stripe-live' },
      notes: 'same',
      tags: ['x'],
      fields: { headerName: 'X-Api-Key', value: '' },
    })
    expect(secret.updatedAt).toBe(secret.createdAt)
    expect(fileDigests(vault.dir)).toEqual(before)
  })

  it('filter the listing by tag, whatever its case', async () => {
    await vault.service.register(apiKey({ tags: ['Prod', 'billing'] }))
    await vault.service.register(apiKey({ name: 'mailgun', tags: ['staging'] }))
    await vault.service.register(apiKey({ name: 'untagged' }))
    const named = async (tag: string) =>
      (await vault.service.list({ tag })).map((secret) => secret.name)
    expect(await named('prod')).toEqual(['stripe-live'])
    expect(await named('STAGING')).toEqual(['mailgun'])
    expect(await named('nothing')).toEqual([])
  })

  it.each([
    [
      'notes over 4 KiB of UTF-8 (2,049 two-byte letters)',
      { notes: 'é'.repeat(2049) },
      'notes',
      'Notes hold at most 4 KiB (4,096 bytes of UTF-8; accented letters and emoji count as several).',
    ],
    [
      'notes with a terminal escape',
      { notes: 'ok \u001b[2J' },
      'notes',
      'Notes cannot contain control characters other than line breaks and tabs (no terminal escapes or bidi overrides).',
    ],
    [
      'a tag with a space',
      { tags: ['ok', 'two words'] },
      'tags',
      'Tag #2 must be 1–32 characters of letters, digits, "-" and "_".',
    ],
    [
      '21 tags',
      { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
      'tags',
      'At most 20 tags are allowed.',
    ],
    [
      'a tag repeated in another case',
      { tags: ['prod', 'billing', 'PROD'] },
      'tags',
      'Tag #3 repeats tag #1; tags are unique whatever their case.',
    ],
  ])('refuse %s, at registration and at edit', async (_, metadata, field, message) => {
    expect(await refusal(() => vault.service.register(apiKey(metadata)))).toEqual({
      code: 'INVALID_INPUT',
      message,
      field,
    })
    await vault.service.register(apiKey())
    expect(
      await refusal(() => vault.service.edit({ ref: { name: 'stripe-live' }, ...metadata })),
    ).toEqual({ code: 'INVALID_INPUT', message, field })
  })

  it('accept exactly 4 KiB, tabs and line breaks, and 20 tags of 32 characters', async () => {
    const notes = `${'€'.repeat(1364)}\t\n${'a'.repeat(2)}`
    expect(Buffer.byteLength(notes)).toBe(4096)
    const tags = Array.from(
      { length: 20 },
      (_, i) => `${String(i).padStart(2, '0')}${'x'.repeat(30)}`,
    )
    const { secret } = await vault.service.register(apiKey({ notes, tags }))
    expect(secret.notes).toBe(notes)
    expect(secret.tags).toEqual(tags)
  })
})

describe('the favourite star', () => {
  it('is a view preference: stored, but no edit, no activity and not audited', async () => {
    const { secret } = await vault.service.register(apiKey())
    vault.clock.set('2030-02-01T09:00:00.000Z')
    const starred = await vault.service.edit({ ref: { id: secret.id }, favourite: true })
    expect(starred.secret).toMatchObject({ favourite: true, updatedAt: secret.updatedAt })
    expect(vault.store.state.secrets[secret.id]!.lastActivityAt).toBe(secret.createdAt)
    expect((await historyOf('stripe-live')).map((e) => e.action)).toEqual(['registered'])
    expect((await (await reopened()).show({ id: secret.id })).favourite).toBe(true)
    const unstarred = await vault.service.edit({ ref: { id: secret.id }, favourite: false })
    expect(unstarred.secret.favourite).toBe(false)
  })

  it('may be set by a Member on an organization secret, which the Member cannot edit', async () => {
    const { secret } = await vault.service.register(apiKey())
    await vault.service.updateProfile({ role: 'member', confirmDemotion: true })
    expect(
      (await vault.service.edit({ ref: { id: secret.id }, favourite: true })).secret,
    ).toMatchObject({ favourite: true })
    expect(
      await refusal(() => vault.service.edit({ ref: { id: secret.id }, notes: 'mine now' })),
    ).toMatchObject({ code: 'FORBIDDEN_SCOPE' })
  })
})

describe('rename', () => {
  it('takes a new name under the registration rules, audited "renamed"', async () => {
    const { secret } = await vault.service.register(apiKey())
    const { secret: renamed } = await vault.service.edit({
      ref: { id: secret.id },
      name: 'stripe-live.v2',
    })
    expect(renamed).toMatchObject({ id: secret.id, name: 'stripe-live.v2' })
    expect((await historyOf('stripe-live.v2'))[0]).toEqual({
      action: 'renamed',
      detail: 'from "stripe-live" to "stripe-live.v2"',
    })
    const other = await reopened()
    expect((await other.show({ name: 'stripe-live.v2' })).id).toBe(secret.id)
    await expect(other.show({ name: 'stripe-live' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('may change only the case of its own name', async () => {
    await vault.service.register(apiKey())
    const { secret } = await vault.service.edit({
      ref: { name: 'stripe-live' },
      name: 'Stripe-Live',
    })
    expect(secret.name).toBe('Stripe-Live')
  })

  it('refuses a name against the rule, naming the field', async () => {
    await vault.service.register(apiKey())
    expect(
      await refusal(() => vault.service.edit({ ref: { name: 'stripe-live' }, name: 'a b' })),
    ).toEqual({
      code: 'INVALID_INPUT',
      message:
        'Secret name must be 3–64 characters long and use only letters, digits, "-", "_" and ".".',
      field: 'name',
    })
  })

  it('refuses a name taken in its scope in another case, with the registration text', async () => {
    await vault.service.register(apiKey())
    await vault.service.register(apiKey({ name: 'mailgun' }))
    const renaming = () => vault.service.edit({ ref: { name: 'mailgun' }, name: 'STRIPE-LIVE' })
    const byRename = await refusal(renaming)
    const byRegistration = await refusal(() =>
      vault.service.register(apiKey({ name: 'STRIPE-LIVE' })),
    )
    expect(byRename).toEqual({
      code: 'NAME_TAKEN',
      message:
        'A secret named "stripe-live" already exists in the organization. Choose another name.',
      field: 'name',
    })
    expect(byRename).toEqual(byRegistration)
  })

  it('may take a name used in another scope', async () => {
    await vault.service.register(apiKey({ scope: { kind: 'personal' } }))
    await vault.service.register(apiKey({ name: 'mailgun' }))
    const { secret } = await vault.service.edit({ ref: { name: 'mailgun' }, name: 'stripe-live' })
    expect(secret).toMatchObject({ name: 'stripe-live', scope: 'organization' })
  })
})

describe('availability', () => {
  it('of an organization secret changes, audited with the labels', async () => {
    const { secret } = await vault.service.register(apiKey())
    const { secret: edited } = await vault.service.edit({
      ref: { id: secret.id },
      availability: { kind: 'spot', spot: 'CodeCrafters' },
    })
    expect(edited.availability).toBe('spot:CodeCrafters')
    expect((await historyOf('stripe-live'))[0]).toEqual({
      action: 'availability-changed',
      detail: 'Entire organization → Spot CodeCrafters',
    })
    expect((await (await reopened()).show({ id: secret.id })).availability).toBe(
      'spot:CodeCrafters',
    )
  })

  it('is refused on a workspace or personal secret, on the field availability', async () => {
    await vault.service.register(apiKey({ scope: { kind: 'personal' } }))
    expect(
      await refusal(() =>
        vault.service.edit({
          ref: { name: 'stripe-live' },
          availability: { kind: 'organization' },
        }),
      ),
    ).toEqual({
      code: 'INVALID_INPUT',
      message:
        'Availability applies only to organization secrets; workspace and personal secrets have none.',
      field: 'availability',
    })
  })

  it('needs an Account Holder or Account Manager', async () => {
    await vault.service.register(apiKey())
    await vault.service.updateProfile({ role: 'member', confirmDemotion: true })
    expect(
      await refusal(() =>
        vault.service.edit({
          ref: { name: 'stripe-live' },
          availability: { kind: 'spot', spot: 'Bytebards' },
        }),
      ),
    ).toMatchObject({ code: 'FORBIDDEN_SCOPE', field: 'scope' })
  })
})

describe('history', () => {
  it('names edited fields by their labels, never their ids', async () => {
    await vault.service.register(apiKey())
    await vault.service.edit({
      ref: { name: 'stripe-live' },
      fields: { headerName: 'Authorization', value: 'sk_live_second' },
    })
    expect((await historyOf('stripe-live'))[0]).toEqual({
      action: 'edited',
      detail: 'changed Header name, Value',
    })
  })

  it('reads edits recorded by ids in labels too', async () => {
    const { secret } = await vault.service.register(apiKey())
    await vault.store.transact((state) => ({
      ops: [
        {
          op: 'audit',
          entry: {
            at: '2030-01-15T10:00:00.000Z',
            actor: state.profile.user,
            action: 'edited',
            secretId: secret.id,
            secretName: secret.name,
            detail: 'changed headerName, clientSecret, expiresAt',
          },
        },
      ],
      result: null,
    }))
    expect((await historyOf('stripe-live'))[0]?.detail).toBe(
      'changed Header name, Client secret, Expiration date',
    )
  })
})

describe('workspace rename', () => {
  beforeEach(async () => {
    await vault.service.addWorkspace('Payments')
    await vault.service.addWorkspace('Platform')
    await vault.service.register(apiKey({ scope: { kind: 'workspace', workspace: 'Payments' } }))
  })

  it('renames the workspace, moves its secrets with it, and is audited', async () => {
    const profile = await vault.service.renameWorkspace('payments', 'Billing')
    expect(profile.workspaces).toEqual(['Billing', 'Platform'])
    const [secret] = await vault.service.list({ scope: 'workspace:Billing' })
    expect(secret).toMatchObject({ name: 'stripe-live', scope: 'workspace:Billing' })
    await expect(vault.service.list({ scope: 'workspace:Payments' })).rejects.toMatchObject({
      code: 'WORKSPACE_NOT_FOUND',
    })
    const audit = vault.store.state.audit.at(-1)
    expect(audit).toMatchObject({ action: 'workspace-renamed', detail: 'Payments → Billing' })
    const other = await reopened()
    expect(other.profile().workspaces).toEqual(['Billing', 'Platform'])
    expect((await other.show({ name: 'stripe-live' })).scope).toBe('workspace:Billing')
    // The name index follows: the old name is still taken in the renamed workspace.
    expect(
      await refusal(() =>
        vault.service.register(apiKey({ scope: { kind: 'workspace', workspace: 'billing' } })),
      ),
    ).toMatchObject({ code: 'NAME_TAKEN' })
  })

  it('may change only the case of its own name', async () => {
    expect((await vault.service.renameWorkspace('Payments', 'PAYMENTS')).workspaces).toEqual([
      'PAYMENTS',
      'Platform',
    ])
  })

  it('refuses a name another workspace holds in another case', async () => {
    expect(await refusal(() => vault.service.renameWorkspace('Payments', 'platform'))).toEqual({
      code: 'WORKSPACE_EXISTS',
      message: 'A workspace named "platform" already exists.',
      field: 'workspace',
    })
  })

  it('refuses an unknown workspace, listing the existing ones', async () => {
    expect(await refusal(() => vault.service.renameWorkspace('Research', 'Science'))).toEqual({
      code: 'WORKSPACE_NOT_FOUND',
      message: 'There is no workspace "Research". Existing workspaces: Payments, Platform.',
      field: 'from',
    })
  })

  it('refuses a new name against the rule for names of places', async () => {
    expect(
      await refusal(() => vault.service.renameWorkspace('Payments', 'Pay\u202Ements')),
    ).toEqual({
      code: 'INVALID_INPUT',
      message:
        'Workspace name cannot contain control characters (line breaks, tabs, terminal escapes, bidi overrides).',
      field: 'workspace',
    })
  })
})
