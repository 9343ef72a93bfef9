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
import { ErrorMessage, errorText } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { notify } from '../../components/Toasts';
import { api } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { TableScroll } from '../../components/TableScroll';

export function PartnerKeysPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const issuers = useResource(() => api().partnerKeys.list(), []);
  const [confirming, setConfirming] = useState<{ issuer: PartnerKeysView; fingerprint: string; display: string }>();

  return (
    <>
      <PageHeader title={t('partnerKeys.title')} intro={t('partnerKeys.intro')} />
      <ErrorMessage error={issuers.error} />
      {!issuers.loading && !issuers.data?.length && (
        <div className="empty-state">
          <p>{t('partnerKeys.empty')}</p>
          <LinkButton href="/exchange/import" variant="primary">
            {t('import.title')}
          </LinkButton>
        </div>
      )}
      <div className="stack">
        {issuers.data?.map((issuer) => (
          <section key={issuer.exchangeId} className="card" aria-labelledby={`issuer-${issuer.exchangeId}`}>
            <h2 id={`issuer-${issuer.exchangeId}`}>{issuer.institutionName}</h2>
            <TableScroll>
              <table className="data-table">
                <caption className="visually-hidden">{t('partnerKeys.keysOf', { name: issuer.institutionName })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('partnerKeys.fingerprint')}</th>
                    <th scope="col">{t('partnerKeys.status')}</th>
                    <th scope="col">{t('partnerKeys.seen')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('common.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {issuer.keys.map((key) => (
                    <tr key={key.fingerprint}>
                      <th scope="row" className="mono">
                        {key.displayFingerprint}
                        <span className="muted small block">{t('partnerKeys.code', { code: key.verificationCode })}</span>
                      </th>
                      <td>
                        <span className={`badge ${key.status === 'confirmed' ? 'badge--published' : key.status === 'retired' ? 'badge--retired' : 'badge--draft'}`}>{t(`partnerKeys.statuses.${key.status}`)}</span>
                        <span className="muted small block">{t(`partnerKeys.sources.${key.source}`, { defaultValue: key.source })}</span>
                      </td>
                      <td>{t('partnerKeys.seenValue', { first: format.date(key.firstSeen), last: format.date(key.lastSeen) })}</td>
                      <td className="data-table__actions">
                        {key.status === 'unconfirmed' && (
                          <Button variant="quiet" onPress={() => setConfirming({ issuer, fingerprint: key.fingerprint, display: key.displayFingerprint })} aria-label={t('partnerKeys.confirmFor', { name: issuer.institutionName })}>
                            {t('partnerKeys.confirm')}
                          </Button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
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
          void api()
            .partnerKeys.confirm({ exchangeId: target.issuer.exchangeId, fingerprint: target.fingerprint })
            .then((result) => {
              if (!result.ok) return notify(errorText(t, result.error), 'error');
              notify(t('partnerKeys.confirmed', { name: target.issuer.institutionName }));
              issuers.reload();
            });
        }}
      >
        <p>{t('partnerKeys.confirmBody')}</p>
        <p className="mono fingerprint">{confirming?.display}</p>
      </ConfirmDialog>
    </>
  );
}
