/**
 * The FolderPicker port (app/session-ports.ts) over Electron's open dialog: "Open a vault
 * folder…" and "Scan a folder…" each ask for one folder, as a sheet of the window when there is
 * one. A cancelled dialog is null; what is chosen is checked by its user, never trusted here.
 */
import type { BrowserWindow, Dialog, OpenDialogOptions } from 'electron'
import type { FolderPicker, FolderPurpose } from '../app/session-ports'

export const PICK_FOLDER_OPTIONS: OpenDialogOptions = {
  title: 'Open a Safehold vault folder',
  buttonLabel: 'Open vault',
  properties: ['openDirectory', 'dontAddToRecent'],
}

export const SCAN_FOLDER_OPTIONS: OpenDialogOptions = {
  title: 'Choose a folder to scan for vault values',
  buttonLabel: 'Scan folder',
  properties: ['openDirectory', 'dontAddToRecent'],
}

export function electronFolderPicker(
  dialog: Pick<Dialog, 'showOpenDialog'>,
  window: () => BrowserWindow | null,
): FolderPicker {
  return {
    async pick(purpose: FolderPurpose = 'vault') {
      const options = purpose === 'scan' ? SCAN_FOLDER_OPTIONS : PICK_FOLDER_OPTIONS
      const parent = window()
      const result =
        parent === null || parent.isDestroyed()
          ? await dialog.showOpenDialog(options)
          : await dialog.showOpenDialog(parent, options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
  }
}
