/**
 * The welcome screen's choices (src/renderer/src/vault/): the OS keychain first where it answers;
 * where it does not, a passphrase first, already chosen, with the reason main gave; and a new
 * passphrase must be typed the same twice before anything is sent.
 */
import { describe, expect, it } from 'vitest'
import { PASSPHRASES_DIFFER, repeatError } from '../../src/renderer/src/vault/new-passphrase'
import { protectionOffer } from '../../src/renderer/src/vault/protection-choices'

describe('how a new vault key may be kept', () => {
  it('offers the keychain first, by its name, where it answers', () => {
    const offer = protectionOffer({ available: true, label: 'GNOME Keyring', reason: null })
    expect(offer.choices.map((choice) => choice.label)).toEqual([
      'Key in GNOME Keyring',
      'Key under a passphrase',
    ])
    expect(offer.initial).toBe('keychain')
    expect(offer.notice).toBeNull()
  })

  it('offers a passphrase first, chosen, and shows why, where no keychain answers', () => {
    const reason = 'No usable Secret Service keychain (such as GNOME Keyring) answered (timeout).'
    const offer = protectionOffer({ available: false, label: 'GNOME Keyring', reason })
    expect(offer.choices.map((choice) => choice.value)).toEqual(['passphrase', 'keychain'])
    expect(offer.initial).toBe('passphrase')
    expect(offer.notice).toBe('GNOME Keyring did not answer, so a passphrase is offered first.')
    expect(offer.choices[1]?.description).toBe(reason)
  })
})

describe('a new passphrase, typed twice', () => {
  it('must be the same both times', () => {
    expect(repeatError({ passphrase: 'correct horse', repeat: 'correct horse' })).toBeUndefined()
    expect(repeatError({ passphrase: 'correct horse', repeat: 'correct hors' })).toBe(
      PASSPHRASES_DIFFER,
    )
    expect(repeatError({ passphrase: 'correct horse', repeat: '' })).toBe(PASSPHRASES_DIFFER)
  })

  it('leaves an empty one to main, which names the field', () => {
    expect(repeatError({ passphrase: '', repeat: '' })).toBeUndefined()
    expect(repeatError({ passphrase: '', repeat: 'typed only here' })).toBeUndefined()
  })
})
