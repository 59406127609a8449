/**
 * What a folder holds, as a comparable record: every entry's kind and mode, and a regular file's
 * digest, read without following links or opening FIFOs, so "changes nothing" can be checked on
 * folders planted with both.
 */
import { createHash } from 'node:crypto'
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

export function folderTree(dir: string): Record<string, string> {
  const entries: Record<string, string> = {}
  if (!existsSync(dir)) return entries
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name)
      const stats = lstatSync(path)
      const mode = (stats.mode & 0o777).toString(8)
      const key = relative(dir, path)
      if (stats.isSymbolicLink()) entries[key] = `link ${mode}`
      else if (stats.isDirectory()) {
        entries[key] = `folder ${mode}`
        walk(path)
      } else if (stats.isFile()) {
        const digest = createHash('sha256').update(readFileSync(path)).digest('hex')
        entries[key] = `file ${mode} ${digest}`
      } else entries[key] = `special ${mode}`
    }
  }
  walk(dir)
  return entries
}
