export interface SafeholdBridge {
  platform: string
}

declare global {
  interface Window {
    safehold?: SafeholdBridge
  }
}
