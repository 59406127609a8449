import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'

/**
 * `npm run dev` only: React Fast Refresh puts an inline module script in the page and hot reload
 * talks over a WebSocket, both of which the shipped policy in index.html forbids. The dev server
 * serves the page with those two allowances; every build keeps the strict policy.
 */
function devServerCsp(): Plugin {
  return {
    name: 'safehold-dev-server-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*"),
  }
}

export default defineConfig({
  main: {
    build: {
      // zod is bundled, not loaded from node_modules: its package entry loads every locale
      // (~70 ms of each `safehold` process), the bundle keeps only the parts the code uses.
      externalizeDeps: { exclude: ['zod'] },
      rollupOptions: {
        // The CLI is a second main-process entry that plain `node` runs: nothing it reaches may
        // import `electron` (a test enforces that).
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/main/cli/index.ts'),
          // The browser harness (DESIGN §6.2): plain Node too, for tests where Electron is absent.
          harness: resolve(__dirname, 'src/main/harness/index.ts'),
          // Certificate and key files are read in this worker_threads script, off the main thread
          // (DESIGN §4); certificate-reader starts it from beside the built files as
          // out/main/certificate-worker.js, in the app, the CLI and the harness alike.
          'certificate-worker': resolve(__dirname, 'src/main/certificates/certificate-worker.ts'),
          // The app's leak scan ("Scan a folder…") reads folders in this worker (leak-scans.ts).
          'scan-worker': resolve(__dirname, 'src/main/usage/scan-worker.ts'),
          // The wizard's Key/Value files are parsed in this worker (kv-file-reader.ts), never on
          // the main thread: a 1 MiB .env takes dotenv longer than the main process may block.
          'kv-file-worker': resolve(__dirname, 'src/main/secrets/kv-file-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      // electron-vite leaves the renderer unminified by default; minified it loads and parses in
      // less than half the bytes (DESIGN §8: "the renderer bundle minified").
      minify: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/renderer/index.html') },
      },
    },
    plugins: [react(), devServerCsp()],
  },
})
