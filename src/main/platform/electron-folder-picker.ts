/**
 * The FolderPicker port (app/session-ports.ts) over Electron's open dialog: "Open a vault
 * folder…" asks for one folder, as a sheet of the window when there is one. A cancelled dialog is
 * null; what is chosen is checked by the session, never trusted here.
 */
import type { BrowserWindow, Dialog, OpenDialogOptions } from 'electron'
import type { FolderPicker } from '../app/session-ports'

export const PICK_FOLDER_OPTIONS: OpenDialogOptions = {
  title: 'Open a Safehold vault folder',
  buttonLabel: 'Open vault',
  properties: ['openDirectory', 'dontAddToRecent'],
}

export function electronFolderPicker(
  dialog: Pick<Dialog, 'showOpenDialog'>,
  window: () => BrowserWindow | null,
): FolderPicker {
  return {
    async pick() {
      const parent = window()
      const result =
        parent === null || parent.isDestroyed()
          ? await dialog.showOpenDialog(PICK_FOLDER_OPTIONS)
          : await dialog.showOpenDialog(parent, PICK_FOLDER_OPTIONS)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
  }
}
