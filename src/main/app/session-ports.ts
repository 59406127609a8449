/**
 * The OS services the vault session asks for beyond the vault's own ports: a folder picker
 * ("Open a vault folder…") and OS verification of the user (Touch ID). Electron's adapters live in
 * platform/; the harness and the tests give their own.
 */

export interface FolderPicker {
  /** The folder the user chose, or null when the pick was cancelled. */
  pick(): Promise<string | null>
}

export interface OsVerification {
  /** Whether the OS can verify the user now (Touch ID enrolled and usable). */
  available(): boolean
  /** Asks the OS to verify the user; true when it did. `reason` completes "Safehold wants to …". */
  verify(reason: string): Promise<boolean>
}

/** A picker that always answers `dir` (the harness's --pick-folder), or cancels when null. */
export function fixedFolderPicker(dir: string | null): FolderPicker {
  return { pick: () => Promise.resolve(dir) }
}
