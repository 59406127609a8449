/**
 * `npm run dist` (scripts/dist.mjs): the packaged desktop app. A package holds the built app and
 * its runtime dependencies, never the browser harness, the CLI entry or a test, and its Electron
 * binary carries the fuses of DESIGN §4, so nothing from outside the signed app.asar can run as
 * Safehold's code: no `ELECTRON_RUN_AS_NODE`, no `NODE_OPTIONS`, no `--inspect`, no loose app
 * folder, no edited archive.
 */
import { join } from 'node:path'
import { flipFuses, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses'
import type { AfterPackContext, Configuration } from 'electron-builder'

export const FUSES: Readonly<Record<FuseV1Options, boolean>> = {
  // `ELECTRON_RUN_AS_NODE=1 Safehold script.js` would run any script as plain Node.
  [FuseV1Options.RunAsNode]: false,
  // NODE_OPTIONS=--require… would load code into the main process, which holds the vault key.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect would open a debugger into that same process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app is app.asar alone (no `resources/app` folder beside it), and the archive's hash is
  // checked against the one recorded in the binary (macOS and Windows; Linux has no check yet).
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // The page comes from app://, so file:// needs none of its historical extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  // The app sets no cookies; should a library ever do so, they are encrypted on disk.
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
}

/** The Electron executable inside a packed app folder, as electron-builder names it. */
export function packedExecutable(context: AfterPackContext): string {
  const { appOutDir, electronPlatformName, packager } = context
  const name = packager.appInfo.productFilename
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return join(appOutDir, `${name}.app`)
  }
  if (electronPlatformName === 'win32') return join(appOutDir, `${name}.exe`)
  return join(appOutDir, (packager as unknown as { executableName: string }).executableName)
}

/**
 * After packing and before signing (flipping a fuse changes the binary): every fuse set, then
 * read back, so a package whose binary does not carry them is never produced.
 */
export async function flipAndCheckFuses(context: AfterPackContext): Promise<void> {
  const executable = packedExecutable(context)
  await flipFuses(executable, {
    version: FuseVersion.V1,
    // Apple Silicon refuses a binary whose ad-hoc signature no longer matches.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin',
    ...FUSES,
  })
  const wire = await getCurrentFuseWire(executable)
  const wrong = Object.entries(FUSES).filter(([index, on]) => {
    const state = (wire as unknown as Record<string, number | undefined>)[index]
    // FuseState: the characters 0 and 1 on the wire.
    return state !== (on ? 0x31 : 0x30)
  })
  if (wrong.length > 0) {
    const names = wrong.map(([index]) => FuseV1Options[Number(index)]).join(', ')
    throw new Error(`${executable}: these fuses did not take: ${names}`)
  }
}

/** What goes into app.asar: the build's output, its tray icons and package.json; nothing else. */
export const FILES = [
  'package.json',
  'out/**/*',
  // The tray icons, which the built main process reads from ../../resources (electron-vite ?asset).
  'resources/tray*.png',
  // The browser harness is for development and tests only (DESIGN §6.2).
  '!out/main/harness.js',
  // The safehold command runs under plain Node, which RunAsNode off rules out in a package.
  '!out/main/cli.js',
  '!**/*.map',
  '!**/{test,tests,__tests__}/**',
  '!**/*.{test,spec}.{js,cjs,mjs,ts}',
]

const config: Configuration = {
  appId: 'app.safehold.desktop',
  productName: 'Safehold',
  directories: { output: 'dist' },
  files: FILES,
  asar: true,
  // Native addons cannot be loaded from inside an archive.
  asarUnpack: ['**/*.node'],
  // @napi-rs/keyring is N-API: its prebuilt addon works in Electron as it is.
  npmRebuild: false,
  afterPack: flipAndCheckFuses,
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Utility',
    maintainer: 'Safehold',
  },
  mac: {
    target: 'dmg',
    category: 'public.app-category.utilities',
    hardenedRuntime: true,
  },
  win: { target: 'nsis' },
  nsis: { oneClick: false, perMachine: false },
}

export default config
