import { describe, expect, it } from 'vitest'
import { createNavigationQueue } from '../../src/main/app/navigation-queue'

// The page reads where to go once; a notification click or the tray's Upcoming says where.

describe('the navigation queue', () => {
  it('is empty until something asks for a destination', () => {
    expect(createNavigationQueue().take()).toEqual({ secretId: null, view: null })
  })

  it('hands a secret out once', () => {
    const queue = createNavigationQueue()
    queue.push({ secretId: 'sec-1' })
    expect(queue.take()).toEqual({ secretId: 'sec-1', view: null })
    expect(queue.take()).toEqual({ secretId: null, view: null })
  })

  it('goes where the user last asked', () => {
    const queue = createNavigationQueue()
    queue.push({ secretId: 'sec-1' })
    queue.push({ view: 'upcoming' })
    expect(queue.take()).toEqual({ secretId: null, view: 'upcoming' })
    queue.push({ view: 'upcoming' })
    queue.push({ secretId: 'sec-2' })
    expect(queue.take()).toEqual({ secretId: 'sec-2', view: null })
  })
})

describe('the menu’s Import .env…', () => {
  it('is handed to the window once, like Upcoming', () => {
    const queue = createNavigationQueue()
    queue.push({ view: 'import-env' })
    expect(queue.take()).toEqual({ secretId: null, view: 'import-env' })
    expect(queue.take()).toEqual({ secretId: null, view: null })
  })
})
