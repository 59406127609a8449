/**
 * The renderer's only window onto main. It exposes named methods, never ipcRenderer itself; the
 * typed per-channel bridge grows here with the IPC contract.
 */
import { contextBridge } from 'electron'

contextBridge.exposeInMainWorld('safehold', {
  platform: process.platform,
})
