import { describe, expect, it } from 'vitest'

// The page's CSP forbids eval: the renderer's zod must never try it, or Chromium logs a
// violation at every start. Imports are dynamic, so this file's zod is first loaded here, with
// the page's policy in force.

describe("the renderer's zod", () => {
  it('validates with every schema built without once reaching for eval', async () => {
    const evalAttempts: unknown[][] = []
    const RealFunction = globalThis.Function
    globalThis.Function = new Proxy(RealFunction, {
      construct(_target, args: unknown[]) {
        evalAttempts.push(args)
        throw new EvalError(
          "Refused to evaluate a string as JavaScript: 'unsafe-eval' is not allowed",
        )
      },
      apply(_target, _this, args: unknown[]) {
        evalAttempts.push(args)
        throw new EvalError(
          "Refused to evaluate a string as JavaScript: 'unsafe-eval' is not allowed",
        )
      },
    })
    try {
      await import('../../src/renderer/src/zod-jitless')
      const { ipcContract } = await import('../../src/shared/ipc-contract')
      const parsed = ipcContract['secrets:register'].request.safeParse({
        type: 'api-key',
        name: 'payments-api',
        scope: { kind: 'personal' },
        fields: { headerName: 'X-Api-Key', value: 'v' },
      })
      expect(parsed.success).toBe(true)
      expect(ipcContract['secrets:register'].request.safeParse({ type: 'nope' }).success).toBe(
        false,
      )
    } finally {
      globalThis.Function = RealFunction
    }
    expect(evalAttempts).toEqual([])
  })
})
