/**
 * A sync service's second version of a document, beside the stored one: what differs, in the
 * words of the document (answers, dates, statuses), and the officer's choice. The version not kept
 * is moved to the data folder's quarantine, never deleted; the dialog says where.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../shared/errors';
import type { JsonDifference } from '../../../shared/store/json-differences';
import { Button } from '../../components/Button';
import { DialogFrame } from '../../components/DialogFrame';
import { ErrorMessage } from '../../components/ErrorMessage';
import { DataTable } from '../../components/DataTable';
import { notify } from '../../components/Toasts';
import { api } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { useResource } from '../../lib/use-resource';

type T = (key: string, options?: Record<string, unknown>) => string;

/** Field names shown in words; any other is shown as it is named in the file. */
const knownFields = new Set(['level', 'justification', 'evidence', 'status', 'title', 'updatedAt', 'createdAt', 'completed', 'decision', 'outcome', 'rationale', 'history', 'notApplicable', 'validUntil', 'language', 'profile', 'legalName', 'answers', 'content', 'signatures']);
const isoDate = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

function fieldName(t: T, name: string): string {
  return knownFields.has(name) ? t(`syncConflict.fields.${name}`) : name;
}

/** `answers.LEG-01.justification` → "Answer LEG-01: justification"; `status` → "Status". */
function describePath(t: T, path: string): string {
  const parts = path.split('.');
  if (parts[0] === 'answers' && parts[1]) {
    const rest = parts.slice(2).filter((part) => !/^\d+$/.test(part));
    return t('syncConflict.answer', { criterion: parts[1], field: rest.length ? rest.map((part) => fieldName(t, part)).join(' › ') : t('syncConflict.wholeAnswer') });
  }
  if (path === '') return t('syncConflict.wholeDocument');
  return parts.filter((part) => !/^\d+$/.test(part)).map((part) => fieldName(t, part)).join(' › ');
}

function useValueText() {
  const { t } = useTranslation();
  const format = useFormat();
  return (value: unknown): string => {
    if (value === undefined) return t('syncConflict.absent');
    if (value === null || value === '') return t('syncConflict.empty');
    if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
    if (typeof value === 'string') return isoDate.test(value) && !Number.isNaN(Date.parse(value)) ? (value.length === 10 ? format.day(value) : format.dateTime(value)) : value;
    if (typeof value === 'number') return String(value);
    const text = JSON.stringify(value);
    return text.length > 300 ? `${text.slice(0, 300)}…` : text;
  };
}

export function SyncConflictDialog({ noticeId, onClose, onResolved }: { noticeId: string; onClose(): void; onResolved(): void }) {
  const { t } = useTranslation();
  const comparison = useResource(() => api().syncConflicts.compare({ noticeId }), [noticeId]);
  const [problem, setProblem] = useState<AppErrorData>();
  const [busy, setBusy] = useState(false);
  const valueText = useValueText();
  const view = comparison.data;
  const captionId = useId();

  const resolve = async (keep: 'document' | 'conflict-copy') => {
    setBusy(true);
    const result = await api().syncConflicts.resolve({ noticeId, keep });
    setBusy(false);
    if (!result.ok) return setProblem(result.error);
    notify(t(keep === 'document' ? 'syncConflict.keptStored' : 'syncConflict.tookCopy', { path: result.value.setAsidePath }), 'success');
    onResolved();
  };

  return (
    <DialogFrame
      title={t('syncConflict.title', { title: view?.title ?? '' })}
      wide
      onClose={onClose}
      actions={
        <>
          {/* eslint-disable-next-line jsx-a11y/no-autofocus -- the choice that changes nothing takes focus */}
          <Button variant="secondary" onPress={onClose} autoFocus>
            {t('syncConflict.later')}
          </Button>
          <Button variant="primary" isDisabled={!view || busy} onPress={() => void resolve('document')}>
            {t('syncConflict.keepStored')}
          </Button>
          {view && !view.conflictProblem && (
            <Button isDisabled={busy} onPress={() => void resolve('conflict-copy')}>
              {t('syncConflict.takeCopy')}
            </Button>
          )}
        </>
      }
    >
          <div className="dialog__body stack">
            <ErrorMessage error={comparison.error ?? problem} />
            {view && (
              <>
                <p>{t('syncConflict.intro')}</p>
                <p className="mono break">{view.conflictPath}</p>
                {view.conflictProblem && (
                  <p className="alert alert--warning">{t('syncConflict.cannotTake', { problem: view.conflictProblem })}</p>
                )}
                {view.differences.length === 0 ? (
                  <p>{t('syncConflict.same')}</p>
                ) : (
                  <>
                    <p id={captionId}>
                      {t('syncConflict.caption', { count: view.differences.length })}
                    </p>
                    <DataTable<JsonDifference>
                      labelledBy={captionId}
                      rows={view.differences}
                      rowKey={(difference) => difference.path}
                      columns={[
                        { id: 'what', header: t('syncConflict.what'), isRowHeader: true, cell: (difference) => describePath(t, difference.path) },
                        { id: 'stored', header: t('syncConflict.stored'), className: 'break', cell: (difference) => valueText(difference.left) },
                        { id: 'copy', header: t('syncConflict.copy'), className: 'break', cell: (difference) => valueText(difference.right) },
                      ]}
                    />
                  </>
                )}
                <p className="muted">{t('syncConflict.nothingLost')}</p>
              </>
            )}
          </div>
    </DialogFrame>
  );
}
