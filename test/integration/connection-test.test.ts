/**
 * `safehold test` (DESIGN §6.1) against loopback peers this test starts: an HTTPS server with a
 * test CA that checks the API key's header, an OAuth 2.0 token endpoint, a mutual-TLS server that
 * takes only its CA's client certificates. What a user sees: plain words, exit codes, the token
 * never printed, the test counted as a use by connection-test, a Spot-only secret refused.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectCliError, expectSuccess, type CliResult } from '../support/cli'
import { cliVault, type CliVault } from '../support/cli-vault'
import {
  closedPort,
  makeTestPki,
  startHttpPeer,
  startMtlsPeer,
  startSilentPeer,
  tokenEndpoint,
  type Peer,
  type TestPki,
} from '../support/loopback-peers'

const API_KEY = 'sk_live_conn_9fQ2xLmP4vTz'
const BEARER = 'Bearer gho_conn_bearer_7Hn3KqWs'
const CLIENT_ID = 'svc client/1'
/** Characters that RFC 6749 §2.3.1's form encoding must carry through HTTP Basic unchanged. */
const CLIENT_SECRET = 'cl1ent+secret/=&:%Zx8'
const ACCESS_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.access.TOKEN_7d3f9a'
const REFRESH_TOKEN = 'refresh_TOKEN_5b8c2e1f'
const SPOT_KEY = 'spot_only_key_Vb91Kd'

let dir: string
let pki: TestPki
let v: CliVault
let api: Peer
let basicOnly: Peer
let postOnly: Peer
let mtls: Awaited<ReturnType<typeof startMtlsPeer>>
let silent: Peer

/** No value or token anywhere in what the command printed. */
function expectNothingSecret(result: CliResult): void {
  for (const secret of [API_KEY, 'gho_conn_bearer', CLIENT_SECRET, ACCESS_TOKEN, REFRESH_TOKEN]) {
    expect(result.stdout).not.toContain(secret)
    expect(result.stderr).not.toContain(secret)
  }
}

const probe = (name: string, ...args: string[]): Promise<CliResult> =>
  v.cliAsync(['test', name, ...args])

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'safehold-conn-'))
  pki = makeTestPki(dir)
  api = await startHttpPeer(pki, (request, response) => {
    const given = request.headers['x-api-key'] ?? request.headers['authorization']
    response.statusCode = given === API_KEY || given === BEARER ? 200 : 401
    response.end('{"hello":"world"}')
  })
  const endpoint = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }
  const tokens = { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN }
  basicOnly = await startHttpPeer(
    pki,
    tokenEndpoint({ ...endpoint, ...tokens, methods: ['basic'] }),
  )
  postOnly = await startHttpPeer(pki, tokenEndpoint({ ...endpoint, ...tokens, methods: ['post'] }))
  mtls = await startMtlsPeer(pki)
  silent = await startSilentPeer()

  v = cliVault('conn')
  const register = (...args: string[]): void =>
    expectSuccess(v.cli(['register', '--scope', 'personal', ...args]))
  register(
    '--type',
    'api-key',
    '--name',
    'svc-key',
    '--field',
    'headerName=X-Api-Key',
    '--field',
    `value=${API_KEY}`,
  )
  register(
    '--type',
    'api-key',
    '--name',
    'stale-key',
    '--field',
    'headerName=X-Api-Key',
    '--field',
    'value=sk_revoked_000000',
  )
  register(
    '--type',
    'bearer-token',
    '--name',
    'svc-bearer',
    '--field',
    'headerName=Authorization',
    '--field',
    `headerValue=${BEARER}`,
  )
  for (const [name, peer, secret] of [
    ['oauth-basic', basicOnly, CLIENT_SECRET],
    ['oauth-post', postOnly, CLIENT_SECRET],
    ['oauth-wrong', basicOnly, 'not-the-secret-0000'],
  ] as const) {
    register(
      ...['--type', 'client-credentials', '--name', name, '--field', `clientId=${CLIENT_ID}`],
      ...[
        '--field',
        `url=https://localhost:${peer.port}/oauth/token`,
        '--field',
        `clientSecret=${secret}`,
      ],
    )
  }
  register(
    '--type',
    'certificate',
    '--name',
    'mtls-rsa',
    '--cert',
    pki.clientRsa.certFile,
    '--key',
    pki.clientRsa.keyFile,
  )
  register(
    '--type',
    'certificate',
    '--name',
    'mtls-ec',
    '--cert',
    pki.clientEc.certFile,
    '--key',
    pki.clientEc.keyFile,
  )
  register(
    '--type',
    'certificate',
    '--name',
    'mtls-stranger',
    '--cert',
    pki.stranger.certFile,
    '--key',
    pki.stranger.keyFile,
  )
  register('--type', 'certificate', '--name', 'cert-only', '--cert', pki.clientEc.certFile)
  register('--type', 'key-value', '--name', 'app-env', '--field', 'pair:DB=pass-123456')
  expectSuccess(
    v.cli([
      'register',
      ...['--type', 'api-key', '--name', 'spot-key', '--scope', 'organization'],
      ...['--availability', 'spot:CodeCrafters', '--field', 'headerName=X-Api-Key'],
      ...['--field', `value=${SPOT_KEY}`],
    ]),
  )
}, 120_000)

afterAll(async () => {
  await Promise.all([api, basicOnly, postOnly, mtls, silent].map((peer) => peer?.close()))
  rmSync(dir, { recursive: true, force: true })
})

describe('API key and bearer token: a GET with the header', () => {
  it('works with the right header over HTTPS from a private CA, and says so', async () => {
    const before = api.requests.length
    const result = await probe(
      'svc-key',
      '--url',
      `https://localhost:${api.port}/v1/me?x=1`,
      '--ca',
      pki.caFile,
    )
    expectSuccess(result)
    expect(result.stdout).toMatch(
      /^Connection works: the server answered 200 OK to a request with the API key in the "X-Api-Key" header\./,
    )
    expect(result.stdout).toContain('CN=localhost')
    expect(result.stdout).toContain('CN=Safehold Test CA')
    expectNothingSecret(result)
    const seen = api.requests.slice(before)
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ method: 'GET', path: '/v1/me?x=1' })
    expect(seen[0]!.headers['x-api-key']).toBe(API_KEY)
  })

  it('sends a bearer token’s header value as stored', async () => {
    const result = await probe(
      'svc-bearer',
      '--url',
      `https://localhost:${api.port}/`,
      '--ca',
      pki.caFile,
    )
    expectSuccess(result)
    expect(result.stdout).toContain('with the bearer token in the "Authorization" header')
    expectNothingSecret(result)
  })

  it('explains a refused credential (401) in one line, exit 1, no value', async () => {
    const result = await probe(
      'stale-key',
      '--url',
      `https://localhost:${api.port}/`,
      '--ca',
      pki.caFile,
    )
    expectCliError(
      result,
      'CONNECTION_FAILED',
      /^The server refused the credential \(401 Unauthorized\): the API key is wrong, expired or revoked/,
    )
    expect(result.stderr).not.toContain('sk_revoked_000000')
  })

  it('gives the whole result with --json, and exits 1 when the test failed', async () => {
    const result = await probe(
      'stale-key',
      '--url',
      `https://localhost:${api.port}/`,
      '--ca',
      pki.caFile,
      '--json',
    )
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout)).toMatchObject({
      secret: 'stale-key',
      consumer: 'connection-test',
      works: false,
      outcome: 'refused',
      httpStatus: 401,
      target: `https://localhost:${api.port}`,
    })
  })

  it('explains a server certificate from an unknown CA, and one for another host name', async () => {
    const untrusted = await probe('svc-key', '--url', `https://localhost:${api.port}/`)
    expectCliError(
      untrusted,
      'CONNECTION_FAILED',
      /not signed by a certificate authority this test trusts: .*--ca FILE/,
    )
    // The whole of 127/8 is this machine, but the certificate names 127.0.0.1 and localhost only.
    const other = await startHttpPeer(pki, (_request, response) => response.end(), '127.0.0.2')
    try {
      const mismatch = await probe('svc-key', '--url', `${other.origin}/`, '--ca', pki.caFile)
      expectCliError(mismatch, 'CONNECTION_FAILED', /certificate is for another host name/)
      expect(other.requests).toEqual([])
    } finally {
      await other.close()
    }
  })
})

describe('client credentials: an OAuth 2.0 token request', () => {
  it('gets a token with client_secret_basic and prints its type and lifetime, never the token', async () => {
    const before = basicOnly.requests.length
    const result = await probe('oauth-basic', '--ca', pki.caFile)
    expectSuccess(result)
    expect(result.stdout).toMatch(
      /^Token endpoint works: it issued a token of type Bearer with a lifetime of 3600 s \(1 hour\), for the client authenticated by client_secret_basic\./,
    )
    expectNothingSecret(result)
    const json = await probe('oauth-basic', '--ca', pki.caFile, '--json')
    expectSuccess(json)
    expect(JSON.parse(json.stdout)).toMatchObject({
      works: true,
      token: { type: 'Bearer', expiresInSeconds: 3600, authMethod: 'client_secret_basic' },
    })
    expectNothingSecret(json)
    // The endpoint decoded the form-encoded id and secret to exactly the stored ones (§2.3.1).
    const seen = basicOnly.requests.slice(before)
    expect(seen.map((r) => r.method)).toEqual(['POST', 'POST'])
    expect(seen[0]!.body).toBe('grant_type=client_credentials')
    expect(seen[0]!.headers.authorization).toMatch(/^Basic /)
  })

  it('falls back to client_secret_post after a 401 to client_secret_basic', async () => {
    const before = postOnly.requests.length
    const result = await probe('oauth-post', '--ca', pki.caFile)
    expectSuccess(result)
    expect(result.stdout).toContain('authenticated by client_secret_post')
    expectNothingSecret(result)
    const seen = postOnly.requests.slice(before)
    expect(seen).toHaveLength(2)
    expect(seen[0]!.headers.authorization).toMatch(/^Basic /)
    expect(seen[1]!.headers.authorization).toBeUndefined()
    expect(new URLSearchParams(seen[1]!.body).get('client_secret')).toBe(CLIENT_SECRET)
  })

  it('explains a wrong client secret (401 after both methods)', async () => {
    const result = await probe('oauth-wrong', '--ca', pki.caFile)
    const message = expectCliError(result, 'CONNECTION_FAILED')
    expect(message).toMatch(
      /^The token endpoint refused the client ID and secret \(401 Unauthorized, invalid_client\), sent both as HTTP Basic \(client_secret_basic\) and in the request body \(client_secret_post\): the client secret is wrong/,
    )
    expect(result.stderr).not.toContain('not-the-secret-0000')
  })

  it('takes no --url: the secret carries its token endpoint', async () => {
    const result = await probe('oauth-basic', '--url', `https://localhost:${basicOnly.port}/`)
    expectCliError(result, 'INVALID_INPUT', /--url is not used for Client Credentials/)
  })
})

describe('certificates: a mutual-TLS handshake', () => {
  it.each([
    ['mtls-rsa', 'client-rsa'],
    ['mtls-ec', 'client-ec'],
  ])('%s: the server accepts the certificate', async (name, commonName) => {
    const result = await probe(name, '--url', mtls.origin, '--ca', pki.caFile)
    expectSuccess(result)
    expect(result.stdout).toMatch(/^Mutual TLS works: /)
    expect(result.stdout).toContain('CN=localhost')
    expect(mtls.accepted).toContain(commonName)
    for (const line of pki.clientRsa.keyPem.split('\n').slice(1, 3))
      expect(result.stdout).not.toContain(line)
  })

  it('takes https://host:port too', async () => {
    expectSuccess(
      await probe('mtls-ec', '--url', `https://localhost:${mtls.port}`, '--ca', pki.caFile),
    )
  })

  it('explains a refused certificate from another CA', async () => {
    const result = await probe('mtls-stranger', '--url', mtls.origin, '--ca', pki.caFile)
    expectCliError(
      result,
      'CONNECTION_FAILED',
      /did not accept the certificate|refused the certificate/,
    )
    expect(mtls.accepted).not.toContain('stranger')
  })

  it('says so when the server asks for no client certificate, which proves nothing', async () => {
    const open = await startMtlsPeer(pki, { asksForCertificate: false })
    try {
      const result = await probe('mtls-ec', '--url', open.origin, '--ca', pki.caFile)
      expectCliError(result, 'CONNECTION_FAILED', /does not ask for one/)
    } finally {
      await open.close()
    }
  })

  it('refuses a certificate without its private key, and asks for an address', async () => {
    expectCliError(
      await probe('cert-only', '--url', mtls.origin),
      'INVALID_INPUT',
      /without its private key/,
    )
    expectCliError(
      await probe('mtls-ec'),
      'INVALID_INPUT',
      /^--url is needed: a certificate is tested by a TLS handshake/,
    )
  })
})

describe('network failures in plain words', () => {
  it('a server that never answers: the time limit', async () => {
    const started = Date.now()
    const http = await probe('svc-key', '--url', `https://${silent.origin}/`, '--timeout', '1')
    expectCliError(http, 'CONNECTION_FAILED', /did not complete a TLS handshake within 1 s/)
    const plain = await probe('svc-key', '--url', `http://${silent.origin}/`, '--timeout', '1')
    expectCliError(
      plain,
      'CONNECTION_FAILED',
      /^The server accepted the connection but did not answer within 1 s\./,
    )
    const tls = await probe('mtls-ec', '--url', silent.origin, '--timeout', '1')
    expectCliError(tls, 'CONNECTION_FAILED', /^No TLS handshake within 1 s/)
    expect(Date.now() - started).toBeLessThan(15_000)
  })

  it('connection refused', async () => {
    const port = await closedPort()
    const result = await probe('svc-key', '--url', `https://127.0.0.1:${port}/`)
    expectCliError(
      result,
      'CONNECTION_FAILED',
      /^The connection was refused: nothing accepts connections at that host and port/,
    )
  })

  it('a host name that does not exist (DNS)', async () => {
    const result = await probe(
      'svc-key',
      '--url',
      'https://no-such-host.invalid/',
      '--json',
      '--timeout',
      '5',
    )
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout)).toMatchObject({ works: false, outcome: 'dns' })
  })
})

describe('what is refused before anything is sent', () => {
  it.each([
    [['--url', 'ftp://127.0.0.1/'], /^--url must start with https:\/\//],
    [
      ['--url', 'http://example.com/'],
      /^--url uses http:\/\/, which would send the credential unencrypted/,
    ],
    [['--url', `https://user:pw@localhost:${1}/`], /^--url carries a user name or password/],
    [['--url', 'not a url'], /^--url is not an address/],
    [['--url', 'localhost:443'], /^--url must be a full address/],
    [[], /^--url is needed: "svc-key" is an API Key/],
    [['--url', 'https://localhost/', '--timeout', '0'], /^--timeout takes seconds/],
  ])('%j', async (args, message) => {
    const result = await probe('svc-key', ...args)
    const text = expectCliError(result, 'INVALID_INPUT', message)
    expect(text).not.toContain('user:pw')
  })

  it('a Key/Value secret has nothing to test', async () => {
    expectCliError(
      await probe('app-env', '--url', 'https://localhost/'),
      'INVALID_INPUT',
      /^"app-env" is a Key\/Value: a set of values with no connection of its own/,
    )
  })

  it('none of these counted as a use', () => {
    const usages = v.json<{ usages: unknown[] }>(['show', 'app-env']).usages
    expect(usages).toEqual([])
  })
})

describe('a test is a use by connection-test', () => {
  it('show --json counts the tests', async () => {
    const before = v.json<{ usages: { consumer: string; count: number }[] }>(['show', 'svc-bearer'])
    const count = before.usages.find((u) => u.consumer === 'connection-test')?.count ?? 0
    await probe('svc-bearer', '--url', `https://localhost:${api.port}/`, '--ca', pki.caFile)
    await probe('svc-bearer', '--url', `https://127.0.0.1:${await closedPort()}/`)
    const after = v.json<{ usages: { consumer: string; count: number }[]; lastUsedAt: string }>([
      'show',
      'svc-bearer',
    ])
    expect(after.usages).toContainEqual(
      expect.objectContaining({ consumer: 'connection-test', count: count + 2 }),
    )
  })

  it('a Spot-only secret is refused for connection-test, and the refusal is audited', async () => {
    const result = await probe(
      'spot-key',
      '--url',
      `https://localhost:${api.port}/`,
      '--ca',
      pki.caFile,
    )
    expectCliError(
      result,
      'USE_DENIED',
      /available only to the Spot CodeCrafters; "connection-test" may not use it/,
    )
    expect(api.requests.some((r) => r.headers['x-api-key'] === SPOT_KEY)).toBe(false)
    const refused = v.json<{ actor: string; action: string }[]>([
      'audit',
      'spot-key',
      '--action',
      'use-refused',
    ])
    expect(refused).toEqual([
      expect.objectContaining({ actor: 'connection-test', action: 'use-refused' }),
    ])
    expect(v.json<{ usages: unknown[] }>(['show', 'spot-key']).usages).toEqual([])
  })

  it('the audit log holds none of the values or tokens', () => {
    const log = v.cli(['audit', '--json'])
    expectSuccess(log)
    for (const secret of [
      API_KEY,
      'gho_conn_bearer',
      CLIENT_SECRET,
      ACCESS_TOKEN,
      REFRESH_TOKEN,
      SPOT_KEY,
    ])
      expect(log.stdout).not.toContain(secret)
    expect(log.stdout).toContain('connection-test')
  })
})
