/** Time enters the services only through a Clock, so tests can travel in it. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }
