/**
 * Certificates made at test time by the openssl CLI, so no key material is ever committed. Each
 * call writes `<name>.pem` (the certificate) and `<name>.key` (its private key, PKCS#8, not
 * encrypted) into the folder it is given.
 */
import { execFileSync } from 'node:child_process'
import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export const KEY_ALGORITHMS = {
  rsa: ['-newkey', 'rsa:2048'],
  'ec-p256': ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'],
  ed25519: ['-newkey', 'ed25519'],
} as const
export type KeyAlgorithm = keyof typeof KEY_ALGORITHMS

export interface TestCertificate {
  certFile: string
  keyFile: string
  certPem: string
  keyPem: string
  /** The certificate's not-after instant as ISO-8601 UTC, as Safehold reports expiresAt. */
  notAfter: string
  subject: string
}

export function openssl(cwd: string, ...args: string[]): string {
  return execFileSync('openssl', args, { cwd, encoding: 'utf8', stdio: 'pipe' })
}

/**
 * A self-signed certificate for `CN=<name>.example.com`, valid for `days` days from now, or from
 * `validFrom` (e.g. '2020-01-01 00:00:00', made under faketime) to make one that already expired.
 */
export function makeSelfSignedCertificate(
  dir: string,
  name: string,
  options: { algorithm?: KeyAlgorithm; days?: number; validFrom?: string } = {},
): TestCertificate {
  const { algorithm = 'ec-p256', days = 90, validFrom } = options
  const subject = `CN=${name}.example.com`
  const run = (...args: string[]): string =>
    validFrom === undefined
      ? openssl(dir, ...args)
      : // Stopped at validFrom (-f, no "@"), so the dates are exact however slow the machine.
        execFileSync('faketime', ['-f', validFrom, 'openssl', ...args], {
          cwd: dir,
          encoding: 'utf8',
          stdio: 'pipe',
        })
  run(
    'req',
    '-x509',
    ...KEY_ALGORITHMS[algorithm],
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.pem`,
    '-subj',
    `/${subject}`,
    '-days',
    String(days),
  )
  const certFile = join(dir, `${name}.pem`)
  const keyFile = join(dir, `${name}.key`)
  const certPem = readFileSync(certFile, 'utf8')
  return {
    certFile,
    keyFile,
    certPem,
    keyPem: readFileSync(keyFile, 'utf8'),
    notAfter: new Date(new X509Certificate(certPem).validTo).toISOString(),
    subject,
  }
}

/** The base64 lines of a PEM: any of them in an output means the PEM leaked. */
export function pemBodyLines(pem: string): string[] {
  return pem
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('-----'))
}

/**
 * `name` in `dir`: the PKCS#12 export of `leaf.pem` with `leaf.key` (as made by
 * makeSelfSignedCertificate(dir, 'leaf')) under `password`, with openssl's `extra` options.
 */
export function exportLeafP12(
  dir: string,
  name: string,
  password: string,
  ...extra: string[]
): Buffer {
  openssl(
    dir,
    ...['pkcs12', '-export', '-in', 'leaf.pem', '-inkey', 'leaf.key', '-out', name],
    ...['-passout', `pass:${password}`, ...extra],
  )
  return readFileSync(join(dir, name))
}
