/**
 * The consortium key roster on the consortium screen: the coordinator key confirmed here, the
 * members and their keys, and a roster file opened to be taken in. The first roster asks the
 * officer to compare the coordinator's key fingerprint by phone before it counts; a later one,
 * signed with that key, shows what it changes (members added or removed, keys replaced) before it
 * is accepted. A roster signed with any other key is refused with the reason.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Roster } from '../../../shared/consortium/roster';
import type { RosterOfferView, RosterView } from '../../../shared/consortium/roster-view';
import type { AppErrorData, Result } from '../../../shared/errors';
import { fingerprintForDisplay } from '../../../shared/exchange/fingerprint';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage, errorText } from '../../components/ErrorMessage';
import { DataTable } from '../../components/DataTable';
import { notify } from '../../components/Toasts';
import { api } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { useResource } from '../../lib/use-resource';

export function RosterPanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const roster = useResource(() => api().roster.view(), []);
  const [offer, setOffer] = useState<RosterOfferView>();
  const [problem, setProblem] = useState<AppErrorData>();
  const [busy, setBusy] = useState(false);
  const view = roster.data;

  const run = async <T,>(call: () => Promise<Result<T>>, then: (value: T) => void) => {
    setBusy(true);
    setProblem(undefined);
    const result = await call();
    setBusy(false);
    if (!result.ok) return setProblem(result.error);
    then(result.value);
  };
  const close = () => {
    if (offer) void api().roster.discard({ token: offer.token });
    setOffer(undefined);
  };
  const taken = (next: RosterView) => {
    roster.set(next);
    setOffer(undefined);
    notify(t('roster.accepted', { sequence: next.roster?.sequence ?? 0 }), 'success');
  };

  return (
    <section className="card stack" aria-labelledby="roster-heading">
      <h2 id="roster-heading">{t('roster.title')}</h2>
      <p className="muted">{t('roster.intro')}</p>
      <ErrorMessage error={roster.error} />
      {view && !view.trust && <p>{t('roster.noCoordinator')}</p>}
      {view?.trust && (
        <p>
          {t('roster.coordinatorConfirmed', { exchangeId: view.trust.coordinatorExchangeId, date: format.date(view.trust.confirmedAt) })}{' '}
          <span className="mono break">{fingerprintForDisplay(view.trust.coordinatorFingerprint)}</span>
        </p>
      )}
      {view?.roster && (
        <>
          <p className={view.validToday ? undefined : 'alert alert--warning'}>
            {t(view.validToday ? 'roster.valid' : 'roster.notValidToday', {
              name: view.roster.consortiumName,
              sequence: view.roster.sequence,
              from: format.day(view.roster.validFrom),
              until: format.day(view.roster.validUntil),
            })}
          </p>
          <RosterTable roster={view.roster} />
        </>
      )}
      {problem && <p className="alert alert--error" role="alert">{errorText(t, problem)}</p>}
      {offer && (offer.outcome === 'unchanged' || offer.outcome === 'refused') && (
        <div className="alert alert--error" role="alert">
          <p>
            {offer.outcome === 'unchanged'
              ? t('roster.notNewer', { sequence: offer.roster.sequence })
              : offer.refusal === 'other-consortium'
                ? t('roster.otherConsortium', { name: offer.roster.consortiumName })
                : t('roster.forged', { signedBy: fingerprintForDisplay(offer.signedBy), confirmed: fingerprintForDisplay(offer.confirmedFingerprint ?? '') })}
          </p>
          <Button variant="quiet" onPress={close}>
            {t('common.dismiss')}
          </Button>
        </div>
      )}
      <div className="button-row">
        <Button variant={view?.trust ? 'secondary' : 'primary'} isDisabled={busy} onPress={() => void run(() => api().roster.open(), (opened) => opened && setOffer(opened))}>
          {t('roster.open')}
        </Button>
      </div>

      <ConfirmDialog
        isOpen={offer?.outcome === 'confirm'}
        title={t('roster.confirmTitle', { name: offer?.roster.consortiumName ?? '' })}
        confirmLabel={t('roster.confirmButton')}
        onCancel={close}
        onConfirm={() => offer && void run(() => api().roster.confirm({ token: offer.token, fingerprint: offer.signedBy }), taken)}
      >
        <p>{t('roster.confirmBody', { exchangeId: offer?.signerExchangeId ?? '' })}</p>
        <p className="mono fingerprint" aria-label={t('roster.fingerprint')}>
          {fingerprintForDisplay(offer?.signedBy ?? '')}
        </p>
        <p>{t('roster.confirmPhone')}</p>
        {offer && <p>{t('roster.members', { count: offer.roster.members.length, from: format.day(offer.roster.validFrom), until: format.day(offer.roster.validUntil) })}</p>}
      </ConfirmDialog>

      <ConfirmDialog
        isOpen={offer?.outcome === 'accept'}
        title={t('roster.acceptTitle', { sequence: offer?.roster.sequence ?? 0 })}
        confirmLabel={t('roster.acceptButton')}
        onCancel={close}
        onConfirm={() => offer && void run(() => api().roster.accept({ token: offer.token }), taken)}
      >
        {offer?.changes && <RosterChanges offer={offer} />}
      </ConfirmDialog>
    </section>
  );
}

function RosterChanges({ offer }: { offer: RosterOfferView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const changes = offer.changes!;
  const none = changes.added.length + changes.removed.length + changes.rekeyed.length === 0 && !changes.coordinatorKeyBefore;
  return (
    <div className="stack">
      <p>{t('roster.acceptBody', { from: format.day(offer.roster.validFrom), until: format.day(offer.roster.validUntil) })}</p>
      <ul>
        {changes.added.map((member) => (
          <li key={`added-${member.exchangeId}`}>{t('roster.added', { name: member.legalName, exchangeId: member.exchangeId })}</li>
        ))}
        {changes.removed.map((member) => (
          <li key={`removed-${member.exchangeId}`}>{t('roster.removed', { name: member.legalName, exchangeId: member.exchangeId })}</li>
        ))}
        {changes.rekeyed.map(({ member, before }) => (
          <li key={`rekeyed-${member.exchangeId}`}>
            {t('roster.rekeyed', { name: member.legalName, before: before.map(fingerprintForDisplay).join('; '), after: member.keyFingerprints.map(fingerprintForDisplay).join('; ') })}
          </li>
        ))}
        {changes.coordinatorKeyBefore && (
          <li>{t('roster.coordinatorRotated', { before: fingerprintForDisplay(changes.coordinatorKeyBefore), after: fingerprintForDisplay(offer.roster.coordinator.keyFingerprint) })}</li>
        )}
        {none && <li>{t('roster.noChanges')}</li>}
      </ul>
    </div>
  );
}

function RosterTable({ roster }: { roster: Roster }) {
  const { t } = useTranslation();
  return (
    <DataTable
      label={t('roster.tableCaption', { name: roster.consortiumName })}
      rows={roster.members}
      rowKey={(member) => member.exchangeId}
      columns={[
        {
          id: 'institution',
          header: t('roster.institution'),
          isRowHeader: true,
          cell: (member) => (
            <>
              {member.legalName}
              {member.exchangeId === roster.coordinator.exchangeId && <> ({t('roster.coordinator')})</>}
            </>
          ),
        },
        { id: 'exchangeId', header: t('roster.exchangeId'), className: 'mono', cell: (member) => member.exchangeId },
        {
          id: 'keys',
          header: t('roster.keys'),
          className: 'mono',
          cell: (member) => member.keyFingerprints.map((fingerprint) => <div key={fingerprint}>{fingerprintForDisplay(fingerprint)}</div>),
        },
      ]}
    />
  );
}
