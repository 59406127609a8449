// Why Chromium's sandbox would stop `npm start` on this Linux machine, as the one command that
// fixes it, or null. Ubuntu 23.10+ (AppArmor's kernel.apparmor_restrict_unprivileged_userns=1)
// and kernels with unprivileged user namespaces off leave Chromium only the setuid helper, and
// npm installs chrome-sandbox without root ownership and the setuid bit; Chromium then aborts with
// "The SUID sandbox helper binary was found, but is not configured correctly"
// (electron/electron#42510).
import { readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const RESTRICTIONS = [
  // Ubuntu 23.10+, Debian with AppArmor: 1 means restricted.
  ['/proc/sys/kernel/apparmor_restrict_unprivileged_userns', '1'],
  // Older Debian kernels: 0 means off.
  ['/proc/sys/kernel/unprivileged_userns_clone', '0'],
]

function readTrimmed(path, read) {
  try {
    return read(path).trim()
  } catch {
    return null
  }
}

/**
 * `distDir` is node_modules/electron/dist. `cwd` shortens the paths in the command. Reads and
 * stats are injectable for tests.
 */
export function sandboxFix(
  distDir,
  {
    platform = process.platform,
    cwd = process.cwd(),
    read = (path) => readFileSync(path, 'utf8'),
    stat = (path) => statSync(path),
  } = {},
) {
  if (platform !== 'linux') return null
  const restricted = RESTRICTIONS.some(([path, value]) => readTrimmed(path, read) === value)
  if (!restricted) return null
  const helper = join(distDir, 'chrome-sandbox')
  let info
  try {
    info = stat(helper)
  } catch {
    return null
  }
  const setuidRoot = info.uid === 0 && (info.mode & 0o4755) === 0o4755
  if (setuidRoot) return null
  const shown = relative(cwd, helper) || helper
  return `sudo chown root:root ${shown} && sudo chmod 4755 ${shown}`
}
