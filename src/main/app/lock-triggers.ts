/**
 * What locks the vault besides the user's "Lock now" and the idle timer: the OS locking the screen
 * or going to sleep (DESIGN §4). Power events come through a small port, so the wiring runs, and
 * is tested, without Electron; resume and unlock-screen ask the lifecycle to look again, since
 * timers may have slept through a reminder.
 */

export type LockReason = 'user' | 'idle' | 'system'

export type PowerEvent = 'lock-screen' | 'suspend' | 'resume' | 'unlock-screen'

export interface PowerEvents {
  on(event: PowerEvent, listener: () => void): void
}

export interface Lockable {
  lock(reason: LockReason): Promise<unknown>
  /** Re-evaluate reminders now. */
  poke(): void
}

export const SYSTEM_LOCK_EVENTS: readonly PowerEvent[] = ['lock-screen', 'suspend']
export const WAKE_EVENTS: readonly PowerEvent[] = ['resume', 'unlock-screen']

export function wireLockTriggers(
  power: PowerEvents,
  session: Lockable,
  onError: (error: unknown) => void = () => undefined,
): void {
  for (const event of SYSTEM_LOCK_EVENTS) {
    power.on(event, () => void session.lock('system').catch(onError))
  }
  for (const event of WAKE_EVENTS) power.on(event, () => session.poke())
}
