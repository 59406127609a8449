/**
 * Secret summaries as main sends them to the window (SecretSummary: metadata, never a value),
 * for the unit tests of the renderer's pure listing modules.
 */
import type { SecretSummary } from '../../src/shared/secret-view'

let next = 0

/** A Personal API key named `name`, created 2030-01-01, with whatever `fields` overrides. */
export function summary(name: string, fields: Partial<SecretSummary> = {}): SecretSummary {
  next++
  return {
    id: `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`,
    name,
    type: 'api-key',
    scope: 'personal',
    availability: null,
    createdAt: '2030-01-01T00:00:00.000Z',
    updatedAt: '2030-01-01T00:00:00.000Z',
    lastUsedAt: null,
    expiresAt: null,
    status: 'active',
    deletesAt: null,
    usages: [],
    fields: {},
    keys: [],
    certificateNames: null,
    notes: '',
    tags: [],
    favourite: false,
    ...fields,
  }
}

export function usage(consumer: string): SecretSummary['usages'][number] {
  return {
    consumer,
    firstUsedAt: '2030-01-02T00:00:00.000Z',
    lastUsedAt: '2030-01-03T00:00:00.000Z',
    count: 1,
  }
}
