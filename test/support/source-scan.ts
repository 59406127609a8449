/**
 * For tests that hold the main process's sources to a rule (no electron outside the platform
 * layer, no wall clock outside its adapter): every source file of a folder, and a walk over one
 * file's syntax tree that reports each node a rule flags as `line: text`. Parsed rather than
 * grepped, so a comment or a string that mentions a name is not a use of it.
 */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'

export function sourceFiles(folder: string): string[] {
  if (!existsSync(folder)) return []
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mts|cts)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
}

/** The nodes of `source` that `flags` picks, each as `line: its first line of text`. */
export function flaggedNodes(
  source: string,
  fileName: string,
  flags: (node: ts.Node) => boolean,
): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true)
  const found: string[] = []
  const visit = (node: ts.Node): void => {
    if (flags(node)) {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart(file))
      found.push(`${line + 1}: ${node.getText(file).split('\n')[0]}`)
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}
