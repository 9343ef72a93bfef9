/**
 * Importing exchange files from partners: chosen in a dialog, dropped on the window, opened by
 * double-click, or a whole folder (the consortium's shared folder). Every file is checked before
 * anything is stored — its signatures, the keys remembered for its institution, its content — and
 * shown item by item; nothing changes until the user accepts, and then a file is applied whole.
 */
import { useState, type ReactNode } from 'react';
import { DropZone, Text, type DropItem } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import type { Result } from '../../../shared/errors';
import type { CriterionDiff } from '../../../shared/exchange/diff';
import type { FilePreview } from '../../../shared/exchange/app';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { errorText } from '../../components/ErrorMessage';
import { Fold } from '../../components/Fold';
import { Page } from '../../components/Page';
import { notify } from '../../components/Toasts';
import { api } from '../../lib/api';
import { useFormat, useShowName } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { DataTable } from '../../components/DataTable';
import { OpenRequestButton } from '../assessments/team/ContributionRequestsPage';

export function ImportPage() {
  const { t } = useTranslation();
  const run = useAction();
  const location = useLocation();
  // Files opened by double-click or "Open with" arrive already checked (see Layout).
  const [previews, setPreviews] = useState<FilePreview[]>(() => (location.state as { previews?: FilePreview[] } | null)?.previews ?? []);
  const [busy, setBusy] = useState(false);
  const [changedKey, setChangedKey] = useState<FilePreview>();

  const load = async (call: () => Promise<Result<FilePreview[] | null>>) => {
    setBusy(true);
    const result = await run(call);
    setBusy(false);
    if (result.ok && result.value) setPreviews(result.value);
  };


  const accept = async (tokens: string[]) => {
    setBusy(true);
    const result = await run(() => api().exchange.apply({ tokens }));
    setBusy(false);
    if (!result.ok) return;
    const added = result.value.reduce((sum, file) => sum + file.added, 0);
    notify(t('import.applied', { count: added, files: result.value.length }));
    setPreviews((current) => current.filter((preview) => !tokens.includes(preview.token)));
  };

  const acceptable = previews.filter((preview) => preview.ok && preview.changes > 0);

  const dropped = async (items: readonly DropItem[]) => {
    const paths: string[] = [];
    for (const item of items) {
      if (item.kind !== 'file') continue;
      // The browser gives no reason why a dropped item cannot be had (gone, a folder, refused), and
      // the renderer has no log: such an item is not offered, and the others are.
      // eslint-disable-next-line no-restricted-syntax -- the one silent catch kept, for the reason above
      const file = await item.getFile().catch(() => undefined);
      const path = file && window.droppedFilePath?.(file);
      if (path) paths.push(path);
    }
    if (paths.length) await load(() => api().exchange.previewFiles({ paths }));
  };

  return (
    <Page title={t('import.title')} intro={t('import.intro')}>
      <div className="import-actions">
        <Button variant="primary" onPress={() => void load(() => api().exchange.previewFiles({}))} isDisabled={busy}>
          {t('import.openFiles')}
        </Button>
        <Button onPress={() => void load(() => api().exchange.previewFolder())} isDisabled={busy}>
          {t('import.openFolder')}
        </Button>
        {acceptable.length > 1 && (
          <Button onPress={() => void accept(acceptable.map((preview) => preview.token))} isDisabled={busy}>
            {t('import.acceptAll', { count: acceptable.length })}
          </Button>
        )}
      </div>
      <p className="import-team-request">
        {t('team.requests.fromImport')} <OpenRequestButton /> <a href="#/team/requests">{t('team.requests.list')}</a>
      </p>
      <DropZone
        className="drop-zone"
        aria-label={t('import.dropLabel')}
        onDrop={(event) => {
          // dropped() handles its own failures (a file it cannot read is skipped, load() turns
          // every result into a message), so the drop needs no await.
          void dropped(event.items);
        }}
      >
        <Text slot="label">{t('import.drop')}</Text>
      </DropZone>
      <div className="stack">
        {previews.map((preview) => (
          <FileCard key={preview.token} preview={preview} busy={busy} onAccept={() => void accept([preview.token])} onChangedKey={() => setChangedKey(preview)} />
        ))}
      </div>
      <ChangedKeyDialog
        file={changedKey}
        onClose={() => setChangedKey(undefined)}
        onAccept={(target) =>
          void run(() => api().exchange.acceptChangedKey({ token: target.token })).then((result) => {
            if (result.ok) setPreviews((current) => current.map((preview) => (preview.token === target.token ? result.value : preview)));
          })
        }
      />
    </Page>
  );
}

/** Asks before a file signed with a key other than the partner's known one is accepted (Import and Inbox). */
export function ChangedKeyDialog<T extends { fileName: string }>({ file, onClose, onAccept }: { file: T | undefined; onClose: () => void; onAccept: (file: T) => void }) {
  const { t } = useTranslation();
  return (
    <ConfirmDialog
      isOpen={file !== undefined}
      title={t('import.changedKeyTitle', { name: file?.fileName ?? '' })}
      confirmLabel={t('import.acceptChangedKey')}
      destructive
      onCancel={onClose}
      onConfirm={() => {
        const target = file!;
        onClose();
        onAccept(target);
      }}
    >
      <p>{t('import.changedKeyBody')}</p>
    </ConfirmDialog>
  );
}

/** One checked file: who sent it, its signatures, and what accepting it would do, item by item. */
export function FileCard({
  preview,
  busy,
  onAccept,
  onChangedKey,
  actions,
  note,
  contentsFolded = false,
}: {
  preview: FilePreview;
  busy: boolean;
  onAccept(): void;
  onChangedKey(): void;
  /** More buttons beside Accept (the inbox's Refuse). */
  actions?: ReactNode;
  /** A line under the title (the inbox: a sync service's copy of another file). */
  note?: ReactNode;
  /** The contents table behind a button that opens it (the inbox, where many files are listed). */
  contentsFolded?: boolean;
}) {
  const { t } = useTranslation();
  const showName = useShowName();
  const format = useFormat();
  const headingId = `file-${preview.token}`;
  if (!preview.ok) {
    return (
      <section className="card file-card file-card--refused" aria-labelledby={headingId}>
        <h2 id={headingId}>{preview.fileName}</h2>
        {note}
        <p className="alert alert--error">
          <strong>{t('import.refused')}</strong> {preview.error ? errorText(t, preview.error) : ''}
        </p>
        <div className="button-row">
          {preview.error?.code === 'KEY_CHANGED' && <Button onPress={onChangedKey}>{t('import.checkedKey')}</Button>}
          {actions}
        </div>
      </section>
    );
  }
  return (
    <section className="card file-card" aria-labelledby={headingId}>
      <div className="section-header">
        <div>
          <h2 id={headingId}>{preview.fileName}</h2>
          <p className="muted">
            {t('import.from', { name: preview.issuer?.legalName ?? '' })} · {t(`import.institution.${preview.institution?.action ?? 'known'}`, { name: preview.institution?.legalName ?? '' })}
          </p>
          {note}
        </div>
        <div className="button-row">
          {actions}
          <Button variant="primary" onPress={onAccept} isDisabled={busy || preview.changes === 0}>
            {preview.changes === 0 ? t('import.nothingNew') : t('import.accept', { count: preview.changes })}
          </Button>
        </div>
      </div>
      <h3>{t('import.signatures')}</h3>
      <ul className="signature-list">
        {preview.signatures?.map((signature, index) => (
          <li key={index}>
            {t('import.signedBy', {
              name: showName([signature.signer.name, signature.signer.role].filter(Boolean).join(', ')),
              institution: signature.signer.institution,
              date: format.dateTime(signature.signedAt),
            })}
            <span className="block mono small">{t('import.fingerprint', { fingerprint: signature.displayFingerprint })}</span>
            <span className={`badge block-inline ${signature.confirmed ? 'badge--published' : 'badge--draft'}`}>{t(`import.trust.${signature.trust}`)}</span>
          </li>
        ))}
      </ul>
      {contentsFolded ? (
        <FoldedContents preview={preview} />
      ) : (
        <>
          <h3>{t('import.contents')}</h3>
          <ContentsTable preview={preview} />
        </>
      )}
    </section>
  );
}

/**
 * A file's contents behind a button: the table is built only once opened. An inbox of a
 * consortium lists a hundred files and more; each table drawn at once made the screen slow to
 * open and to use.
 */
function FoldedContents({ preview }: { preview: FilePreview }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Fold title={t('import.contentsCount', { count: preview.items?.length ?? 0 })} headingLevel={3} isExpanded={open} onExpandedChange={setOpen}>
      {open && <ContentsTable preview={preview} />}
    </Fold>
  );
}

/** What the file holds, item by item: what each would do here, and why. */
function ContentsTable({ preview }: { preview: FilePreview }) {
  const { t } = useTranslation();
  return (
    <DataTable
      label={t('import.contents')}
      rows={(preview.items ?? []).map((item, index) => ({ item, key: String(index) }))}
      rowKey={(row) => row.key}
      columns={[
        {
          id: 'item',
          header: t('import.item'),
          isRowHeader: true,
          cell: ({ item }) => (
            <>
              <span className="muted small block">{t(`import.types.${item.type}`)}</span>
              {item.title}
            </>
          ),
        },
        {
          id: 'what',
          header: t('import.what'),
          cell: ({ item }) => (
            <>
              <span className={`badge ${item.action === 'refuse' ? 'badge--critical' : item.action === 'skip' ? '' : 'badge--published'}`}>{t(`import.actions.${item.action}`)}</span>
              {item.reason && <span className="muted small block">{t(`import.reasons.${item.reason}`, { defaultValue: item.reason })}</span>}
              {item.changedParts && item.changedParts.length > 0 && (
                <span className="small block">
                  {t('import.changedParts', {
                    parts: item.changedParts
                      .map((part) => (part.startsWith('clause:') ? t('import.parts.clause', { heading: part.slice('clause:'.length) }) : t(`import.parts.${part}`)))
                      .join('; '),
                  })}
                </span>
              )}
              {item.diff && item.diff.criteria.length > 0 && (
                <details className="diff">
                  <summary>{t('import.showChanges', { count: item.diff.criteria.length })}</summary>
                  <ul>
                    {item.diff.criteria.map((change) => (
                      <li key={change.criterionId}>
                        <span className="mono">{change.criterionId}</span>: {describeChange(change, t)}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </>
          ),
        },
      ]}
    />
  );
}

/** One criterion's change in words: the level from → to, and which texts or evidence changed. */
function describeChange(change: CriterionDiff, t: (key: string, options?: Record<string, unknown>) => string): string {
  const parts: string[] = [];
  const level = (value: number | null | undefined) => (value === null || value === undefined ? '—' : String(value));
  if (change.level) parts.push(t('import.diff.level', { from: level(change.level.from), to: level(change.level.to) }));
  if (change.notApplicable) parts.push(t(change.notApplicable.to ? 'import.diff.nowNotApplicable' : 'import.diff.nowApplicable'));
  for (const field of ['naReason', 'justification', 'requestedEvidence'] as const) if (change[field]) parts.push(t(`import.diff.${field}`));
  if (change.evidence) parts.push(t('import.diff.evidence', { added: change.evidence.added.length, removed: change.evidence.removed.length }));
  return parts.join('; ');
}
