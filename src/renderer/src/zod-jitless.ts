/**
 * Imported first by main.tsx, before any schema exists: zod never builds its fast parsers with
 * `new Function`, which the page's Content Security Policy forbids. Without it, zod's probe for
 * eval still works out the answer, but Chromium logs a CSP violation at every start. The main
 * process has no such policy and keeps zod's faster compiled parsers.
 */
import { z } from 'zod'

z.config({ jitless: true })
