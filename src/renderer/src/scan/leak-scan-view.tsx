/**
 * Leak scan (DESIGN §3): "Scan a folder…" asks main for the OS folder picker, and main reads the
 * folder off its main thread for every value in the vault. The page shows how far it has got, then
 * each place found — file:line (and commit) and the secret's name, never the value — in a
 * virtualised list. A git repository can be scanned again with its history. Leaving the page, or
 * "Cancel scan", stops a running scan. A scan is recorded in History; it is not a use.
 */
import { FolderSearch, History, ScanSearch, Square } from 'lucide-react'
import { useEffect } from 'react'
import { printable } from '../../../shared/name-text'
import { Button } from '../components/button'
import { VirtualList } from '../components/virtual-list'
import { useScanStore } from './scan-store'
import { placeText, scanSummary, truncatedText, type ScanPlace } from './scan-words'
import './leak-scan.css'

function PlaceRow({ place }: { place: ScanPlace }): React.JSX.Element {
  return (
    <div className="scan-place">
      <span className="scan-place__where">{placeText(place)}</span>
      <span className="scan-place__secret">{place.secret}</span>
    </div>
  )
}

const placeKey = (place: ScanPlace, index: number): string =>
  `${place.commit ?? ''}:${place.file}:${place.line}:${place.secret}:${index}`
const renderPlace = (place: ScanPlace): React.JSX.Element => <PlaceRow place={place} />

export function LeakScanView(): React.JSX.Element {
  const { scan, places, starting, error, start, cancel, enter, leave } = useScanStore()

  useEffect(() => {
    enter()
    return leave
  }, [enter, leave])

  const running = scan?.state === 'running'
  const offerHistory = scan !== null && !running && scan.gitRepository && !scan.gitHistory

  return (
    <section className="page page--fill leak-scan" aria-labelledby="leak-scan-title">
      <header className="page__header">
        <h1 id="leak-scan-title" className="page__title">
          Leak scan
        </h1>
        <p className="page__subtitle">
          Looks for every value in the vault in the files of a folder, and shows where each one is:
          the file, the line and the secret’s name. Values are never shown.
        </p>
      </header>
      <div className="leak-scan__actions">
        {running ? (
          <Button icon={<Square />} onClick={() => void cancel()}>
            Cancel scan
          </Button>
        ) : (
          <Button
            variant="primary"
            icon={<FolderSearch />}
            aria-busy={starting}
            onClick={() => void start('choose', false)}
          >
            Scan a folder…
          </Button>
        )}
        {offerHistory && (
          <Button icon={<History />} onClick={() => void start('same', true)}>
            Include git history
          </Button>
        )}
      </div>
      {error !== null && (
        <p className="leak-scan__error" role="alert">
          {error.message}
        </p>
      )}
      {scan === null ? (
        <div className="empty-state empty-state--compact">
          <ScanSearch className="empty-state__icon" aria-hidden="true" />
          <h2 className="empty-state__title">Find values left in files</h2>
          <p className="empty-state__text">
            Choose a folder — a project, a deployment, a home folder — and Safehold reads its files
            for any value it keeps. Binary files and .git folders are skipped; a git repository’s
            commits can be read too.
          </p>
        </div>
      ) : (
        <>
          <dl className="leak-scan__facts">
            <div>
              <dt>Folder</dt>
              <dd>
                <span className="leak-scan__folder">{printable(scan.folder)}</span>
                {scan.gitRepository && <span className="leak-scan__tag">git repository</span>}
              </dd>
            </div>
          </dl>
          <p
            className={
              scan.state === 'failed'
                ? 'leak-scan__summary leak-scan__summary--failed'
                : 'leak-scan__summary'
            }
            role="status"
          >
            {scanSummary(scan)}
          </p>
          {scan.truncated && <p className="leak-scan__note">{truncatedText(scan)}</p>}
          {offerHistory && (
            <p className="leak-scan__note">
              This folder is a git repository: “Include git history” scans it again with every
              commit, to find values that were removed from its files but stay in its history.
            </p>
          )}
          {places.length > 0 && (
            <VirtualList
              items={places}
              label="Places found"
              estimateSize={38}
              itemKey={placeKey}
              renderItem={renderPlace}
            />
          )}
        </>
      )}
    </section>
  )
}
