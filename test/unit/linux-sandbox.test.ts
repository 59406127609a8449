import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sandboxFix } from '../../scripts/linux-sandbox.mjs'

// npm start on Ubuntu 23.10+ or a kernel without unprivileged user namespaces: the one command
// that lets Chromium's sandbox start, instead of its FATAL line.

const CWD = '/home/me/safehold'
const DIST = join(CWD, 'node_modules', 'electron', 'dist')

function check(proc: Record<string, string>, helper: { uid: number; mode: number } | null) {
  return sandboxFix(DIST, {
    platform: 'linux',
    cwd: CWD,
    read: (path) => {
      const value = proc[path]
      if (value === undefined) throw new Error('ENOENT')
      return `${value}\n`
    },
    stat: () => {
      if (helper === null) throw new Error('ENOENT')
      return helper
    },
  })
}

const APPARMOR = '/proc/sys/kernel/apparmor_restrict_unprivileged_userns'
const USERNS = '/proc/sys/kernel/unprivileged_userns_clone'
const AS_INSTALLED = { uid: 1000, mode: 0o100755 }

describe('the Chromium sandbox check', () => {
  it('prints the fix where AppArmor restricts user namespaces (Ubuntu 24.04)', () => {
    expect(check({ [APPARMOR]: '1' }, AS_INSTALLED)).toBe(
      'sudo chown root:root node_modules/electron/dist/chrome-sandbox && ' +
        'sudo chmod 4755 node_modules/electron/dist/chrome-sandbox',
    )
  })

  it('prints it where the kernel turns unprivileged user namespaces off', () => {
    expect(check({ [USERNS]: '0' }, AS_INSTALLED)).toMatch(/^sudo chown root:root /)
  })

  it('is quiet once the helper is root-owned and setuid', () => {
    expect(check({ [APPARMOR]: '1' }, { uid: 0, mode: 0o104755 })).toBeNull()
  })

  it('still asks when the helper is root-owned but not setuid', () => {
    expect(check({ [APPARMOR]: '1' }, { uid: 0, mode: 0o100755 })).not.toBeNull()
  })

  it('is quiet where user namespaces are allowed, or the files do not exist', () => {
    expect(check({ [APPARMOR]: '0', [USERNS]: '1' }, AS_INSTALLED)).toBeNull()
    expect(check({}, AS_INSTALLED)).toBeNull()
    expect(check({ [APPARMOR]: '1' }, null)).toBeNull()
  })

  it('is quiet on other systems', () => {
    expect(sandboxFix(DIST, { platform: 'darwin', read: () => '1' })).toBeNull()
  })
})
