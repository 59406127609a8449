/**
 * A secret's notes as the window shows them: text, never markup. React escapes what it renders
 * as a child, so a note holding `<img onerror=…>` shows those characters; line breaks are kept
 * and long words wrap by CSS (`.notes-text`), nothing is made a link.
 */
import './metadata-text.css'

export function NotesText({ notes }: { notes: string }): React.JSX.Element {
  return <span className="notes-text">{notes}</span>
}
