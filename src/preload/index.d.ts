import type { SafeholdApi } from '../shared/ipc-contract'

declare global {
  interface Window {
    /** The bridge to main: one method per IPC channel (src/shared/ipc-contract.ts). */
    safehold?: SafeholdApi
  }
}
