/**
 * The browser harness as Playwright uses it (DESIGN.md §6.2): the built process on a random port
 * over a new vault. It serves the renderer with the bridge script in front of the app, answers
 * IPC only with the token from its printed URL and from its own origin, and shuts down cleanly.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type RunningHarness } from '../support/harness'

const PASSPHRASE = 'harness test passphrase, long enough'
let root = ''
let harness: RunningHarness

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A raw HTTP request, so Host and Origin can be set to anything (fetch forbids both). */
function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const url = new URL(path, harness.origin)
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        let body = ''
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

function ipc(channel: string, payload: unknown, headers: Record<string, string> = {}) {
  return send(`/__safehold/ipc/${channel}`, {
    method: 'POST',
    headers: {
      origin: harness.origin,
      'content-type': 'application/json',
      'x-safehold-token': harness.token,
      ...headers,
    },
    body: JSON.stringify(payload),
  })
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'safehold-ipc-harness-'))
  harness = await startHarness({ vaultDir: join(root, 'vault'), passphrase: PASSPHRASE })
})

afterAll(async () => {
  await harness?.stop()
  rmSync(root, { recursive: true, force: true })
})

describe('the browser harness', () => {
  it('prints one loopback URL carrying a random token', () => {
    expect(harness.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/)
    expect(existsSync(join(root, 'vault', 'vault.json'))).toBe(true)
  })

  it('serves index.html with the bridge script before the app module', async () => {
    const page = await send('/')
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toMatch(/^text\/html/)
    const tag = page.body.indexOf('<script src="/__safehold/bridge.js"></script>')
    expect(tag).toBeGreaterThan(0)
    expect(tag).toBeLessThan(page.body.indexOf('type="module"'))
    expect(page.body).not.toContain(harness.token)
    const bridge = await send('/__safehold/bridge.js')
    expect(bridge.status).toBe(200)
    expect(bridge.headers['content-type']).toMatch(/^text\/javascript/)
    expect(bridge.body).toContain('secrets:delete-now')
    expect(bridge.body).not.toContain(harness.token)
    const asset = page.body.match(/src="\.\/(assets\/[^"]+\.js)"/)?.[1]
    expect((await send(`/${asset}`)).status).toBe(200)
  })

  it('serves nothing outside the renderer folder', async () => {
    for (const path of [
      '/../main/harness.js',
      '/%2e%2e/main/harness.js',
      '/assets/../../package.json',
    ]) {
      expect((await send(path)).status).toBe(404)
    }
  })

  it('answers IPC with the token from its own origin, through the real services', async () => {
    const list = await ipc('secrets:list', {})
    expect(list.status).toBe(200)
    expect(JSON.parse(list.body)).toEqual({ ok: true, value: [] })
    const state = JSON.parse((await ipc('app:state', {})).body) as {
      ok: true
      value: { profile: { role: string; protection: string } }
    }
    expect(state.value.profile).toMatchObject({ role: 'account-holder', protection: 'Passphrase' })
    const registered = JSON.parse(
      (
        await ipc('secrets:register', {
          type: 'api-key',
          name: 'via-harness',
          scope: { kind: 'personal' },
          fields: { headerName: 'Authorization', value: 'harness-secret-value-123' },
        })
      ).body,
    ) as { ok: boolean }
    expect(registered.ok).toBe(true)
    const after = await ipc('secrets:list', {})
    expect(after.body).toContain('via-harness')
    expect(after.body).not.toContain('harness-secret-value-123')
  })

  it("keeps an idle connection for a minute, so a page's calls seconds apart are not reset", async () => {
    const answer = await ipc('secrets:list', {}, { connection: 'keep-alive' })
    expect(answer.status).toBe(200)
    expect(answer.headers['keep-alive']).toBe('timeout=60')
  })

  it('validates like the app: a malformed payload is an INVALID_INPUT value', async () => {
    const answer = await ipc('secrets:show', { id: 42 })
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const unknown = await ipc('secrets:steal', {})
    expect(JSON.parse(unknown.body)).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    })
  })

  it('refuses a request without the token or with a wrong one (403)', async () => {
    const without = await send('/__safehold/ipc/secrets:list', {
      method: 'POST',
      headers: { origin: harness.origin, 'content-type': 'application/json' },
      body: '{}',
    })
    expect(without.status).toBe(403)
    expect(JSON.parse(without.body)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    })
    const wrong = harness.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))
    expect((await ipc('secrets:list', {}, { 'x-safehold-token': wrong })).status).toBe(403)
    expect((await ipc('secrets:list', {}, { 'x-safehold-token': '' })).status).toBe(403)
  })

  it('refuses a foreign Origin, a foreign Host and a cross-site fetch even with the token (403)', async () => {
    for (const origin of [
      'https://evil.example',
      'null',
      'http://localhost:1',
      'http://127.0.0.1:1',
    ]) {
      expect((await ipc('secrets:list', {}, { origin })).status).toBe(403)
    }
    const noOrigin = await send('/__safehold/ipc/secrets:list', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-safehold-token': harness.token },
      body: '{}',
    })
    expect(noOrigin.status).toBe(403)
    // DNS rebinding: a page on evil.example that resolves to 127.0.0.1 sends its own Host.
    const port = new URL(harness.origin).port
    expect((await ipc('secrets:list', {}, { host: `evil.example:${port}` })).status).toBe(403)
    expect((await send('/', { headers: { host: `evil.example:${port}` } })).status).toBe(403)
    expect((await ipc('secrets:list', {}, { 'sec-fetch-site': 'cross-site' })).status).toBe(403)
    expect(
      (
        await send('/__safehold/ipc/secrets:list', {
          headers: { origin: harness.origin, 'x-safehold-token': harness.token },
        })
      ).status,
    ).toBe(403)
  })

  it('exits cleanly on SIGTERM, leaving the vault unlocked', async () => {
    expect(await harness.stop()).toBe(0)
    expect(existsSync(join(root, 'vault', 'vault.lock'))).toBe(false)
    // Reopening the same vault works and finds the secret registered above.
    harness = await startHarness({ vaultDir: join(root, 'vault'), passphrase: PASSPHRASE })
    expect((await ipc('secrets:list', {})).body).toContain('via-harness')
  })

  it('with SAFEHOLD_HARNESS_RECORD, writes every IPC answer as sent, refusals too', async () => {
    await harness.stop()
    const record = join(root, 'answers.jsonl')
    harness = await startHarness({
      vaultDir: join(root, 'vault'),
      passphrase: PASSPHRASE,
      recordFile: record,
    })
    const listed = await ipc('secrets:list', {})
    const refused = await ipc('secrets:list', {}, { 'x-safehold-token': 'wrong' })
    const lines = readFileSync(record, 'utf8').trimEnd().split('\n')
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      { channel: 'secrets:list', status: 200, body: listed.body },
      { channel: 'secrets:list', status: 403, body: refused.body },
    ])
    expect(statSync(record).mode & 0o777).toBe(0o600)
  })

  it('refuses to start on a vault whose passphrase it was not given, in one line', async () => {
    await expect(
      startHarness({ vaultDir: join(root, 'vault'), passphrase: 'a different passphrase' }),
    ).rejects.toThrow(/exited \(1\) before printing its URL: harness: [^\n]+$/)
  })
})
