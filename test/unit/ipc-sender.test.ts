/** Only our own page may call main: exact scheme and host, no user info, no look-alikes. */
import { describe, expect, it } from 'vitest'
import { sameOriginAs } from '../../src/main/ipc/ipc-sender'

describe('sameOriginAs', () => {
  it.each([
    ['app://safehold/', 'app://safehold/index.html', true],
    ['app://safehold/', 'app://safehold/?token=1#x', true],
    // A custom scheme's host is not case-folded by URL; Electron reports our own in lower case.
    ['app://safehold/', 'app://SAFEHOLD/index.html', false],
    ['app://safehold/', 'app://other/', false],
    ['app://safehold/', 'app://safehold.evil/', false],
    ['app://safehold/', 'app://safehold@evil/', false],
    ['app://safehold/', 'app://evil@safehold/', false],
    ['app://safehold/', 'app://safehold:1234/', false],
    ['app://safehold/', 'https://safehold/', false],
    ['app://safehold/', 'file:///app/safehold/index.html', false],
    ['app://safehold/', 'https://evil.example/', false],
    ['app://safehold/', 'about:blank', false],
    ['app://safehold/', '', false],
    ['app://safehold/', 'not a url', false],
    ['http://127.0.0.1:4173/', 'http://127.0.0.1:4173/', true],
    ['http://127.0.0.1:4173/', 'http://127.0.0.1:4173/settings?x=1', true],
    ['http://127.0.0.1:4173/', 'http://127.0.0.1:4174/', false],
    ['http://127.0.0.1:4173/', 'https://127.0.0.1:4173/', false],
    ['http://127.0.0.1:4173/', 'http://localhost:4173/', false],
    ['http://127.0.0.1:4173/', 'http://127.0.0.1:4173.evil.example/', false],
  ])('own page %s: %s → %s', (own, sender, expected) => {
    expect(sameOriginAs(own)(sender)).toBe(expected)
  })
})
