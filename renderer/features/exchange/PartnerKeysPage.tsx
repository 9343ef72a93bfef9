/**
 * The keys partners sign with, as remembered from their files (trust on first use). A key is
 * "unconfirmed" until someone compares its fingerprint with the partner (read out on the phone or
 * sent in a letter) and marks it confirmed here.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartnerKeysView } from '../../../shared/ipc/contract';
import { Button } from '../../components/Button';
import { LinkButton } from '../../components/LinkButton';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Page } from '../../components/Page';
import { api } from '../../lib/api';
import { useAction } from '../../lib/use-action';
import { useFormat } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { DataTable } from '../../components/DataTable';

export function PartnerKeysPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const issuers = useResource(() => api().partnerKeys.list(), []);
  const run = useAction();
  const [confirming, setConfirming] = useState<{ issuer: PartnerKeysView; fingerprint: string; display: string }>();

  return (
    <Page title={t('partnerKeys.title')} intro={t('partnerKeys.intro')} resource={issuers}>
      {(list) => (
        <>
          {list.length === 0 && (
            <div className="empty-state">
              <p>{t('partnerKeys.empty')}</p>
              <LinkButton href="/exchange/import" variant="primary">
                {t('import.title')}
              </LinkButton>
            </div>
          )}
          <div className="stack">
            {list.map((issuer) => (
              <section key={issuer.exchangeId} className="card" aria-labelledby={`issuer-${issuer.exchangeId}`}>
                <h2 id={`issuer-${issuer.exchangeId}`}>{issuer.institutionName}</h2>
                <DataTable
                  label={t('partnerKeys.keysOf', { name: issuer.institutionName })}
                  rows={issuer.keys}
                  rowKey={(key) => key.fingerprint}
                  columns={[
                    {
                      id: 'fingerprint',
                      header: t('partnerKeys.fingerprint'),
                      isRowHeader: true,
                      className: 'mono',
                      cell: (key) => (
                        <>
                          {key.displayFingerprint}
                          <span className="muted small block">{t('partnerKeys.code', { code: key.verificationCode })}</span>
                        </>
                      ),
                    },
                    {
                      id: 'status',
                      header: t('partnerKeys.status'),
                      cell: (key) => (
                        <>
                          <span className={`badge ${key.status === 'confirmed' ? 'badge--published' : key.status === 'retired' ? 'badge--retired' : 'badge--draft'}`}>{t(`partnerKeys.statuses.${key.status}`)}</span>
                          <span className="muted small block">{t(`partnerKeys.sources.${key.source}`, { defaultValue: key.source })}</span>
                        </>
                      ),
                    },
                    { id: 'seen', header: t('partnerKeys.seen'), cell: (key) => t('partnerKeys.seenValue', { first: format.date(key.firstSeen), last: format.date(key.lastSeen) }) },
                    {
                      id: 'actions',
                      header: t('common.actions'),
                      hideHeader: true,
                      className: 'data-table__actions',
                      cell: (key) =>
                        key.status === 'unconfirmed' && (
                          <Button variant="quiet" onPress={() => setConfirming({ issuer, fingerprint: key.fingerprint, display: key.displayFingerprint })} aria-label={t('partnerKeys.confirmFor', { name: issuer.institutionName })}>
                            {t('partnerKeys.confirm')}
                          </Button>
                        ),
                    },
                  ]}
                />
              </section>
            ))}
          </div>
          <ConfirmDialog
            isOpen={confirming !== undefined}
            title={t('partnerKeys.confirmTitle', { name: confirming?.issuer.institutionName ?? '' })}
            confirmLabel={t('partnerKeys.confirmSame')}
            onCancel={() => setConfirming(undefined)}
            onConfirm={() => {
              const target = confirming!;
              setConfirming(undefined);
              void run(() => api().partnerKeys.confirm({ exchangeId: target.issuer.exchangeId, fingerprint: target.fingerprint }), {
                success: t('partnerKeys.confirmed', { name: target.issuer.institutionName }),
              }).then((result) => result.ok && issuers.reload());
            }}
          >
            <p>{t('partnerKeys.confirmBody')}</p>
            <p className="mono fingerprint">{confirming?.display}</p>
          </ConfirmDialog>
        </>
      )}
    </Page>
  );
}
