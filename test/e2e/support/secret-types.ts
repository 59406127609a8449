/**
 * The five credential types as the wizard's Details step asks for them (DESIGN.md §1.1): what a
 * person fills in for each, and what `safehold get` must print afterwards.
 */
import { randomBytes } from 'node:crypto'
import type { Locator, Page } from '@playwright/test'
import { makeSelfSignedCertificate, pemBodyLines } from '../../support/certs'
import { dropFiles, fileFrom, typeSecret } from './app-page'
import { expect, type IpcRecorder } from './fixtures'

export const secretValue = (label: string): string =>
  `${label}-${randomBytes(12).toString('base64url')}`

function inFuture(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
}

export interface TypeCase {
  label: string
  /** Fills the Details step; returns what `safehold get` must print. */
  fill(
    page: Page,
    wizard: Locator,
    ipc: IpcRecorder,
    name: string,
    certDir: string,
  ): Promise<string[]>
  expiration?: string
}

export const TYPES: Record<string, TypeCase> = {
  'api-key': {
    label: 'API Key',
    expiration: inFuture(400),
    async fill(_page, wizard, ipc) {
      await wizard.getByLabel('Header name').fill('X-Api-Key')
      const value = secretValue('api')
      await typeSecret(ipc, wizard.getByLabel('Value', { exact: true }), value)
      await wizard.getByLabel('Expiration date').fill(TYPES['api-key']!.expiration!)
      return [value]
    },
  },
  'bearer-token': {
    label: 'Bearer Token',
    async fill(_page, wizard, ipc) {
      await wizard.getByLabel('Header name').fill('Authorization')
      const value = secretValue('bearer')
      await typeSecret(ipc, wizard.getByLabel('Header value'), value)
      return [value]
    },
  },
  'client-credentials': {
    label: 'Client Credentials',
    async fill(_page, wizard, ipc) {
      await wizard.getByLabel('Client ID').fill('billing-service')
      await wizard.getByLabel('URL').fill('https://auth.example.com/oauth/token')
      const value = secretValue('client')
      await typeSecret(ipc, wizard.getByLabel('Client secret'), value)
      return [value]
    },
  },
  certificate: {
    label: 'Certificate',
    async fill(page, wizard, ipc, name, certDir) {
      const cert = makeSelfSignedCertificate(certDir, name, { algorithm: 'ec-p256' })
      for (const line of pemBodyLines(cert.keyPem)) ipc.watch(line)
      for (const line of pemBodyLines(cert.certPem)) ipc.watch(line)
      await dropFiles(page, wizard.getByRole('button', { name: 'Certificate', exact: true }), [
        fileFrom(cert.certFile, 'application/x-pem-file'),
      ])
      await expect(wizard.getByText(cert.subject).first()).toBeVisible()
      await dropFiles(page, wizard.getByRole('button', { name: 'Private key', exact: true }), [
        fileFrom(cert.keyFile),
      ])
      await expect(wizard.getByText(`${name}.key`)).toBeVisible()
      await expect(wizard.getByLabel('Expiration date')).toHaveValue(cert.notAfter.slice(0, 10))
      return pemBodyLines(cert.certPem)
    },
  },
  'key-value': {
    label: 'Key/Value',
    async fill(_page, wizard, ipc) {
      const first = secretValue('kv1')
      const second = secretValue('kv2')
      await wizard.getByLabel('Key 1').fill('DATABASE_URL')
      await typeSecret(ipc, wizard.getByLabel('Value 1'), first)
      await wizard.getByRole('button', { name: 'Add key' }).click()
      await wizard.getByLabel('Key 2').fill('API_TOKEN')
      await typeSecret(ipc, wizard.getByLabel('Value 2'), second)
      return [`DATABASE_URL=${first}`, `API_TOKEN=${second}`]
    },
  },
}
