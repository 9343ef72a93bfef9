import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreNotice } from '../../../shared/store/notices';
import { Button } from '../../components/Button';
import { api } from '../../lib/api';
import { useResource } from '../../lib/use-resource';
import { useFormat } from '../../lib/format';
import { SyncConflictDialog } from './SyncConflictDialog';

/** Tells the user what the store repaired: damaged files set aside, restores from backup. */
export function NoticesBanner() {
  const { t } = useTranslation();
  const format = useFormat();
  const notices = useResource(() => api().store.notices(), []);
  const [comparing, setComparing] = useState<string>();
  if (!notices.data?.length) return null;
  const dismiss = async (notice: StoreNotice) => {
    await api().store.dismissNotice({ id: notice.id });
    notices.reload();
  };
  return (
    <section className="notices" aria-label={t('notices.region')}>
      {notices.data.map((notice) => (
        <div key={notice.id} className="alert alert--warning" role="status">
          <p>
            {t(`notices.${notice.kind}`, {
              collection: notice.collection,
              path: notice.setAsidePath ?? t('notices.somewhere'),
              date: notice.restoredFrom ? format.dateTime(notice.restoredFrom) : '',
            })}
          </p>
          <div className="button-row">
            {notice.kind === 'sync-conflict' && <Button onPress={() => setComparing(notice.id)}>{t('syncConflict.compare')}</Button>}
            <Button variant="quiet" onPress={() => void dismiss(notice)}>
              {t('common.dismiss')}
            </Button>
          </div>
        </div>
      ))}
      {comparing && (
        <SyncConflictDialog
          noticeId={comparing}
          onClose={() => setComparing(undefined)}
          onResolved={() => {
            setComparing(undefined);
            notices.reload();
          }}
        />
      )}
    </section>
  );
}
