/**
 * The renderer's only window onto main: one named method per IPC channel, grouped by domain
 * (`window.safehold.secrets.list(request)` → `secrets:list`). It never hands the page
 * ipcRenderer, a generic invoke or a channel of its choosing, and it imports nothing but electron
 * and the plain channel list, as a sandboxed preload must (no zod, no Node modules).
 */
import { contextBridge, ipcRenderer } from 'electron'
import { bridgePath, CHANNELS } from '../shared/ipc-channels'
import type { SafeholdApi } from '../shared/ipc-contract'

type Method = (request: unknown) => Promise<unknown>

function buildBridge(): SafeholdApi {
  const api: Record<string, Record<string, Method>> = {}
  for (const channel of CHANNELS) {
    const [domain, verb] = bridgePath(channel)
    const methods = (api[domain] ??= {})
    // Exactly one argument crosses: extra arguments from the page are dropped here.
    methods[verb] = (request) => ipcRenderer.invoke(channel, request)
  }
  // The loop builds what SafeholdApi describes; preload-bridge.test.ts checks it channel by channel.
  return api as unknown as SafeholdApi
}

contextBridge.exposeInMainWorld('safehold', buildBridge())
