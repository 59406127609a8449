/**
 * What a malformed request is told: the first bad path in words, the field it belongs to, and
 * never anything the request itself contained.
 */
import { describe, expect, it } from 'vitest'
import { ipcContract, type Channel } from '../../src/shared/ipc-contract'
import { invalidRequest } from '../../src/main/ipc/ipc-validation'

const CANARY = 'sk_live_CANARY_9d2f'
const ID = '0b9e1f64-3c1a-4d7e-9a55-3f0c2a6b7d10'

function errorFor(channel: Channel, payload: unknown) {
  const parsed = ipcContract[channel].request.safeParse(payload)
  if (parsed.success) throw new Error('expected the payload to be refused')
  return invalidRequest(parsed.error, payload).toInfo()
}

describe('invalidRequest', () => {
  it.each<[string, Channel, unknown, string, string | undefined]>([
    ['a non-object', 'secrets:list', null, 'the request must be an object', undefined],
    ['an array', 'secrets:list', [CANARY], 'the request must be an object', undefined],
    [
      'an extra field',
      'secrets:list',
      { [CANARY]: CANARY },
      'the request has a field it does not take',
      undefined,
    ],
    ['a missing field', 'secrets:show', {}, 'id is missing', 'id'],
    ['a wrong type', 'secrets:show', { id: 7 }, 'id must be text', 'id'],
    ['a bad id', 'secrets:show', { id: CANARY }, 'id is not in the expected format', 'id'],
    [
      'a wrong confirmation',
      'secrets:delete-now',
      { id: ID, confirm: 'delete' },
      'confirm must be "DELETE"',
      'confirm',
    ],
    [
      'an over-long name',
      'workspaces:add',
      { name: CANARY.repeat(20) },
      'name is too long (at most 128 characters)',
      'name',
    ],
    [
      'a field of the wrong type',
      'secrets:edit',
      { id: ID, fields: { value: 5 } },
      'fields.value must be text',
      'value',
    ],
    [
      'an extra field in a scope',
      'secrets:register',
      {
        type: 'api-key',
        name: 'n',
        scope: { kind: 'workspace', workspace: 'Payments', [CANARY]: CANARY },
      },
      'scope has a field it does not take',
      'scope',
    ],
    [
      'a Spot that does not exist',
      'secrets:register',
      {
        type: 'api-key',
        name: 'n',
        scope: { kind: 'organization' },
        availability: { kind: 'spot', spot: CANARY },
      },
      'availability.spot must be "CodeCrafters" or "Bytebards" or "GlitchGuardians" or "QuantumQuorums" or "NeuralNinjas" or "EchoEngineers"',
      'availability',
    ],
    [
      'a nested list item',
      'secrets:edit',
      { id: ID, pairs: [{ key: 'A', value: CANARY, extra: 1 }] },
      'pairs[0] has a field it does not take',
      'pairs',
    ],
    [
      'an empty file name',
      'certificates:inspect',
      { certificate: { fileName: '', dataBase64: CANARY } },
      'certificate.fileName must not be empty',
      'certificate',
    ],
    [
      'an unknown role',
      'profile:update',
      { role: CANARY },
      'role must be "account-holder" or "account-manager" or "member"',
      'role',
    ],
  ])('%s', (_case, channel, payload, problem, field) => {
    const error = errorFor(channel, payload)
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.message).toBe(`The request is not valid: ${problem}.`)
    expect(error.field).toBe(field)
    expect(JSON.stringify(error)).not.toContain(CANARY)
  })

  it('does not show a record key that is not a plain field name', () => {
    const error = errorFor('secrets:edit', { id: ID, fields: { [`${CANARY}!`]: 5 } })
    expect(error.message).toBe('The request is not valid: fields[…] must be text.')
    expect(JSON.stringify(error)).not.toContain(CANARY)
  })
})
