// Types of linux-sandbox.mjs, for the tests that import it.
export function sandboxFix(
  distDir: string,
  options?: {
    platform?: NodeJS.Platform
    cwd?: string
    read?: (path: string) => string
    stat?: (path: string) => { uid: number; mode: number }
  },
): string | null
