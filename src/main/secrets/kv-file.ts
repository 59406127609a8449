/**
 * Key/Value files are read by the same parser in main and in the renderer (which shows a dropped
 * file's rows before saving), so both apply one set of rules and messages.
 */
export { parseKvFile } from '../../shared/kv-parse'
