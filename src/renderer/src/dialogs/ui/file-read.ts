/**
 * A dropped or chosen file as the contract carries it: `{ fileName, dataBase64 }`. Certificates
 * and keys cross to main unparsed (DESIGN.md §1.1: parsing happens there, never here).
 */

export interface FileDraft {
  fileName: string
  dataBase64: string
}

export const MAX_FILE_BYTES = 1024 * 1024

export async function readBytes(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer())
}

export async function readFileDraft(file: File): Promise<FileDraft> {
  return { fileName: file.name, dataBase64: toBase64(await readBytes(file)) }
}

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  const chunk = 0x8000
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + chunk))
  }
  return btoa(binary)
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.')
  return dot === -1 ? '' : fileName.slice(dot).toLowerCase()
}

export function isPkcs12(fileName: string): boolean {
  return ['.p12', '.pfx'].includes(extensionOf(fileName))
}
