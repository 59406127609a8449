/**
 * A new passphrase is typed twice (the welcome screen, Settings). Main judges its strength and
 * names the field; the window judges only whether the two agree, before anything is sent.
 */
export interface NewPassphrase {
  passphrase: string
  repeat: string
}

export const PASSPHRASES_DIFFER = 'The two passphrases differ; type the same one twice.'

/** The error for the repeat field, if there is one; an empty passphrase is main's to refuse. */
export function repeatError({ passphrase, repeat }: NewPassphrase): string | undefined {
  return passphrase !== '' && passphrase !== repeat ? PASSPHRASES_DIFFER : undefined
}
