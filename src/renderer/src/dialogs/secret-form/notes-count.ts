/**
 * How much of the 4 KiB that notes may hold (DESIGN §1.1) a text uses, counted as main counts it:
 * UTF-8 bytes, Windows line ends as one. Whether the text is allowed is checkNotes's to say.
 */
import { MAX_NOTES_BYTES } from '../../../../shared/secret-rules'

const encoder = new TextEncoder()

export function notesBytes(text: string): number {
  return encoder.encode(text.replace(/\r\n/g, '\n')).length
}

/** "1,024 of 4,096 bytes". */
export function notesCountText(text: string): string {
  const used = notesBytes(text).toLocaleString('en')
  return `${used} of ${MAX_NOTES_BYTES.toLocaleString('en')} bytes`
}
