/**
 * "Launch at login", whatever the OS keeps it in (an XDG autostart entry on Linux, the login items
 * of macOS, the Run key of Windows). Started at login, Safehold starts hidden in the tray.
 */
export interface LoginItems {
  /** True only when this OS will start Safehold at the next login. */
  get(): boolean
  set(enabled: boolean): void
}

/** The argument a login start carries: Safehold then opens no window, only its tray icon. */
export const HIDDEN_ARG = '--hidden'
