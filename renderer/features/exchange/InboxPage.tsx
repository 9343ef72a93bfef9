/**
 * The shared-folder inbox: the consortium's folder (shared through its own sync service), watched
 * for partners' files. Each new file is checked and shown like an import; the user accepts or
 * refuses it, and a decided file is not shown again.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../shared/errors';
import type { InboxEntry, InboxView } from '../../../shared/exchange/inbox';
import { Button } from '../../components/Button';
import { LinkButton } from '../../components/LinkButton';
import { Page } from '../../components/Page';
import { notify } from '../../components/Toasts';
import { api } from '../../lib/api';
import { useAction } from '../../lib/use-action';
import { useFormat } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { ChangedKeyDialog, FileCard } from './ImportPage';

export function InboxPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const inbox = useResource(() => api().inbox.view(), []);
  const [busy, setBusy] = useState(false);
  const [changedKey, setChangedKey] = useState<InboxEntry>();
  const { reload } = inbox;
  useEffect(() => api().events.subscribe((event) => event.type === 'inbox-changed' && reload()), [reload]);

  const act = useAction();
  const run = async <T,>(call: () => Promise<Result<T>>, then?: (value: T) => void) => {
    setBusy(true);
    const result = await act(call);
    setBusy(false);
    if (result.ok) then?.(result.value);
  };
  const show = (view: InboxView | null) => view && inbox.set(view);

  return (
    <Page title={t('inbox.title')} intro={t('inbox.intro')} resource={inbox}>
      {(view) => (
        <>
          <section className="card stack" aria-labelledby="inbox-folder">
            <h2 id="inbox-folder">{t('inbox.folder')}</h2>
            {view.folder ? (
              <>
                <p className="mono break">{view.folder}</p>
                {view.problem ? (
                  <p className="alert alert--error">{t('inbox.unreadable', { problem: view.problem })}</p>
                ) : (
                  <p className="muted" role="status">
                    {view.checkedAt ? t('inbox.checked', { date: format.dateTime(view.checkedAt), count: view.entries.length, handled: view.handled }) : t('inbox.notChecked')}
                  </p>
                )}
              </>
            ) : (
              <p className="muted">{t('inbox.noFolder')}</p>
            )}
            <div className="button-row">
              <Button variant={view.folder ? 'secondary' : 'primary'} onPress={() => void run(() => api().inbox.chooseFolder(), show)} isDisabled={busy}>
                {view.folder ? t('inbox.changeFolder') : t('inbox.chooseFolder')}
              </Button>
              {view.folder && (
                <>
                  <Button onPress={() => void run(() => api().inbox.check(), show)} isDisabled={busy}>
                    {t('inbox.checkNow')}
                  </Button>
                  <Button variant="quiet" onPress={() => void run(() => api().inbox.clearFolder(), show)} isDisabled={busy}>
                    {t('inbox.stopWatching')}
                  </Button>
                </>
              )}
            </div>
          </section>

          {view.folder && !view.problem && view.entries.length === 0 && (
            <div className="empty-state">
              <p>{t('inbox.empty')}</p>
              <LinkButton href="/exchange/import">{t('import.title')}</LinkButton>
            </div>
          )}
          {acceptable(view) > 1 && (
            <div className="button-row">
              <Button
                variant="primary"
                isDisabled={busy}
                onPress={() =>
                  void run(
                    () => api().inbox.acceptAll(),
                    (result) => {
                      inbox.set(result.view);
                      notify(t('import.applied', { count: result.added, files: result.files }), 'success');
                    },
                  )
                }
              >
                {t('import.acceptAll', { count: acceptable(view) })}
              </Button>
            </div>
          )}
          <div className="stack">
            {view.entries.map((entry) => (
              <FileCard
                key={entry.sha256}
                preview={entry.preview}
                busy={busy}
                // A few files are shown whole; a consortium's many, with their contents folded.
                contentsFolded={view.entries.length > foldAbove}
                note={
                  <>
                    {entry.conflictOf && <p className="note note--warning">{t('inbox.conflictCopy', { original: entry.conflictOf })}</p>}
                    {entry.preview.error?.params?.['reason'] === 'not-on-roster' && (
                      <p className="note note--warning">
                        <strong>{t('roster.flaggedTitle')}</strong> {t('roster.flagged', { exchangeId: String(entry.preview.error.params['exchangeId'] ?? '') })}
                      </p>
                    )}
                  </>
                }
                onAccept={() =>
                  void run(
                    () => api().inbox.accept({ sha256: entry.sha256 }),
                    (result) => {
                      inbox.set(result.view);
                      notify(t('import.applied', { count: result.added, files: 1 }), 'success');
                    },
                  )
                }
                onChangedKey={() => setChangedKey(entry)}
                actions={
                  <Button onPress={() => void run(() => api().inbox.refuse({ sha256: entry.sha256 }), show)} isDisabled={busy}>
                    {entry.preview.ok ? t('inbox.refuse') : t('inbox.dismiss')}
                  </Button>
                }
              />
            ))}
          </div>
          <ChangedKeyDialog file={changedKey} onClose={() => setChangedKey(undefined)} onAccept={(target) => void run(() => api().inbox.acceptChangedKey({ sha256: target.sha256 }), show)} />
        </>
      )}
    </Page>
  );
}

/** Up to this many files, each shows its contents table; more, and each opens it on demand. */
const foldAbove = 3;

/** Files in the inbox that can be accepted and would change something: what "Accept all" takes. */
function acceptable(view: InboxView): number {
  return view.entries.filter((entry) => entry.preview.ok && entry.preview.changes > 0).length;
}
