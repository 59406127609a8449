/**
 * Threat: the server a connection test talks to is hostile (or just broken). It answers a token
 * request with an endless or huge body, floods headers, redirects the request (with the API key's
 * header) to another address, or writes the token, or the credential it received, into the words
 * Safehold repeats. Each attack is reproduced against a loopback server, and shown to fail: the
 * answer is cut off within 64 KiB, no redirect is followed, and nothing secret is printed.
 */
import { createServer, type AddressInfo, type Socket } from 'node:net'
import { once } from 'node:events'
import type { ServerResponse } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectCliError, expectSuccess, type CliResult } from '../support/cli'
import { cliVault, type CliVault } from '../support/cli-vault'
import { startHttpPeer, type Handler, type Peer } from '../support/loopback-peers'

const API_KEY = 'sk_live_hostile_8Kq2Lm'
const CLIENT_SECRET = 'oauth-secret-hostile-3Rt9'
const ACCESS_TOKEN = 'at_HOSTILE_token_5f1e9c'

let v: CliVault
const peers: Peer[] = []
const openSockets = new Set<Socket>()

/** Writes `chunk` for as long as the client reads; reports how much it got out. */
function endless(written: { bytes: number; closed: boolean }): Handler {
  return (_request, response: ServerResponse) => {
    response.writeHead(200, { 'Content-Type': 'application/json' })
    const chunk = Buffer.alloc(64 * 1024, 0x20)
    response.on('close', () => (written.closed = true))
    const pump = (): void => {
      while (!written.closed && written.bytes < 2 ** 31) {
        written.bytes += chunk.length
        if (!response.write(chunk)) return void response.once('drain', pump)
      }
    }
    response.write('{"access_token":"')
    pump()
  }
}

async function peer(handler: Handler): Promise<Peer> {
  const started = await startHttpPeer(null, handler)
  peers.push(started)
  return started
}

function registerOauth(name: string, url: string): void {
  expectSuccess(
    v.cli([
      'register',
      ...['--type', 'client-credentials', '--name', name, '--scope', 'personal'],
      ...['--field', 'clientId=hostile-client', '--field', `url=${url}`],
      ...['--field', `clientSecret=${CLIENT_SECRET}`],
    ]),
  )
}

function expectNothingSecret(result: CliResult): void {
  for (const secret of [API_KEY, CLIENT_SECRET, ACCESS_TOKEN]) {
    expect(result.stdout).not.toContain(secret)
    expect(result.stderr).not.toContain(secret)
  }
}

beforeAll(() => {
  v = cliVault('conn-hostile')
  expectSuccess(
    v.cli(
      [
        'register',
        ...['--type', 'api-key', '--name', 'svc-key', '--scope', 'personal'],
        ...['--field', 'headerName=X-Api-Key', '--secret-stdin', 'value'],
      ],
      { input: API_KEY },
    ),
  )
}, 60_000)

afterAll(async () => {
  for (const socket of openSockets) socket.destroy()
  await Promise.all(peers.map((started) => started.close()))
})

describe('a token endpoint that answers without end', () => {
  it('is cut off after 64 KiB, quickly, and says so', async () => {
    const written = { bytes: 0, closed: false }
    const server = await peer(endless(written))
    registerOauth('endless-token', `${server.origin}/token`)
    const started = Date.now()
    const result = await v.cliAsync(['test', 'endless-token'])
    expectCliError(
      result,
      'CONNECTION_FAILED',
      /^The token endpoint’s answer is larger than 64 KiB/,
    )
    expect(Date.now() - started).toBeLessThan(10_000)
    // The client let go: what the server got out is what socket buffers hold, not gigabytes.
    await expect.poll(() => written.closed, { timeout: 10_000 }).toBe(true)
    expect(written.bytes).toBeLessThan(64 * 1024 * 1024)
    expectNothingSecret(result)
  })

  it('is not read at all when it declares a huge length', async () => {
    const server = await peer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 2 ** 40 })
      response.write('{')
    })
    registerOauth('huge-token', `${server.origin}/token`)
    const result = await v.cliAsync(['test', 'huge-token'])
    expectCliError(
      result,
      'CONNECTION_FAILED',
      /larger than 64 KiB, far more than it should be; it was not read/,
    )
  })
})

describe('a server that floods headers', () => {
  it('is refused as not valid HTTP once the headers pass their limit', async () => {
    const server = createServer((socket) => {
      openSockets.add(socket)
      socket.on('error', () => {})
      socket.write('HTTP/1.1 200 OK\r\n')
      const line = `X-Flood: ${'a'.repeat(1000)}\r\n`
      const pump = (): void => {
        while (!socket.destroyed && socket.write(line));
        if (!socket.destroyed) socket.once('drain', pump)
      }
      pump()
    })
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    const { port } = server.address() as AddressInfo
    try {
      const result = await v.cliAsync(['test', 'svc-key', '--url', `http://127.0.0.1:${port}/`])
      expectCliError(result, 'CONNECTION_FAILED', /not valid HTTP \(or its headers are too large\)/)
    } finally {
      for (const socket of openSockets) socket.destroy()
      await new Promise((done) => server.close(done))
    }
  })
})

describe('a redirect', () => {
  it('is reported, never followed: the header goes nowhere else', async () => {
    const elsewhere = await peer((_request, response) => response.end('gotcha'))
    const redirecting = await peer((_request, response) => {
      response.writeHead(307, { Location: `${elsewhere.origin}/collect` })
      response.end()
    })
    const result = await v.cliAsync(['test', 'svc-key', '--url', `${redirecting.origin}/v1/me`])
    expectCliError(
      result,
      'CONNECTION_FAILED',
      /^The server answered 307 Temporary Redirect, a redirect to another server\. Safehold does not follow redirects, so the credential was not sent on/,
    )
    expect(redirecting.requests).toHaveLength(1)
    expect(elsewhere.requests).toEqual([])
  })

  it('to an address that carries the credential: the address is not printed', async () => {
    const redirecting = await peer((request, response) => {
      response.writeHead(302, {
        Location: `https://${String(request.headers['x-api-key'])}.evil.example/`,
      })
      response.end()
    })
    const result = await v.cliAsync([
      'test',
      'svc-key',
      '--url',
      `${redirecting.origin}/`,
      '--json',
    ])
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout)).toMatchObject({ outcome: 'redirect', httpStatus: 302 })
    expectNothingSecret(result)
  })

  it('of a token request is not followed either (a 307 would repeat the POST with the secret)', async () => {
    const elsewhere = await peer((_request, response) => response.end('{}'))
    const redirecting = await peer((_request, response) => {
      response.writeHead(307, { Location: `${elsewhere.origin}/token` })
      response.end()
    })
    registerOauth('redirect-token', `${redirecting.origin}/token`)
    const result = await v.cliAsync(['test', 'redirect-token'])
    expectCliError(result, 'CONNECTION_FAILED', /a redirect to another server/)
    expect(elsewhere.requests).toEqual([])
  })
})

describe('the token and the credential are never printed', () => {
  it('whatever field of its answer the server writes them into', async () => {
    const server = await peer((request, response) => {
      const secret = new URLSearchParams(request.body).get('client_secret') ?? CLIENT_SECRET
      response.writeHead(200, { 'Content-Type': 'application/json' })
      response.end(
        JSON.stringify({
          access_token: ACCESS_TOKEN,
          token_type: ACCESS_TOKEN,
          expires_in: ACCESS_TOKEN,
          refresh_token: ACCESS_TOKEN,
          id_token: secret,
          scope: secret,
        }),
      )
    })
    registerOauth('echo-token', `${server.origin}/token`)
    for (const args of [[], ['--json']]) {
      const result = await v.cliAsync(['test', 'echo-token', ...args])
      expectSuccess(result)
      expect(result.stdout).toContain('type unknown')
      expectNothingSecret(result)
    }
  })

  it('nor when a refusal echoes them in its error fields', async () => {
    const server = await peer((request, response) => {
      const basic = request.headers.authorization ?? ''
      response.writeHead(401, { 'Content-Type': 'application/json', 'WWW-Authenticate': basic })
      response.end(
        JSON.stringify({ error: CLIENT_SECRET, error_description: `${basic} ${ACCESS_TOKEN}` }),
      )
    })
    registerOauth('echo-refusal', `${server.origin}/token`)
    const result = await v.cliAsync(['test', 'echo-refusal'])
    expectCliError(
      result,
      'CONNECTION_FAILED',
      /^The token endpoint refused the client ID and secret \(401 Unauthorized\)/,
    )
    expectNothingSecret(result)
    const log = v.cli(['audit', '--json'])
    expectNothingSecret(log)
  })
})
