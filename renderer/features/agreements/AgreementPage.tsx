/**
 * One partnership agreement: where it stands (who has signed exactly this text), its short
 * verification code to compare with the partner on the phone, the seals with their keys, the text
 * to edit where a lawyer would, signing (or countersigning), sending the signed file, and the Word
 * export with both seals.
 */
import { useState } from 'react';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/app-context';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { AgreementView } from '../../../shared/agreement/view';
import { verificationCode } from '../../../shared/exchange/fingerprint';
import { agreementContentHash } from '../../../shared/agreement/hash';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ExportDialog, notifySaved } from '../../components/ExportDialog';
import { Page } from '../../components/Page';
import { notify } from '../../components/Toasts';
import { api } from '../../lib/api';
import { useAction } from '../../lib/use-action';
import { useFormat } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { UnlockDialog } from '../../components/UnlockDialog';
import { needsUnlock } from '../../lib/signing';
import { AgreementEditor } from './AgreementEditor';
import { AgreementStateBadge } from './AgreementStateBadge';
import { DataTable } from '../../components/DataTable';

export function AgreementPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const view = useResource(() => api().agreements.view({ id }), [id]);
  if (!view.data) return <Page title={t('nav.agreements')} resource={view} />;
  return <AgreementScreen view={view.data} onChanged={view.set} onReload={view.reload} />;
}

function AgreementScreen({ view, onChanged, onReload }: { view: AgreementView; onChanged(view: AgreementView): void; onReload(): void }) {
  const { t } = useTranslation();
  const run = useAction();
  const format = useFormat();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'text';
  const [exporting, setExporting] = useState(false);
  const { sharedFolder } = useApp().settings;
  const [confirmSign, setConfirmSign] = useState(false);
  const [unlocking, setUnlocking] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [amending, setAmending] = useState(false);
  const [busy, setBusy] = useState(false);
  const { agreement } = view;
  const { content } = agreement;
  const own = content.parties[agreement.ownSide];
  const partner = content.parties[agreement.ownSide === 'A' ? 'B' : 'A'];

  const sign = async () => {
    setConfirmSign(false);
    setBusy(true);
    const result = await run(() => api().agreements.sign({ id: agreement.id }), { handledHere: needsUnlock });
    setBusy(false);
    if (needsUnlock(result)) return setUnlocking(true);
    if (!result.ok) return;
    onChanged(result.value);
    notify(t(result.value.state === 'concluded' ? 'agreement.countersigned' : 'agreement.signedToast', { partner: partner.legalName }), 'success');
  };

  // A text someone has signed is shown read-only; changing it is an explicit amendment.
  const signed = view.signatures.some((signature) => signature.coversContent);
  const amend = async () => {
    setAmending(false);
    const result = await run(() => api().agreements.amend({ id: agreement.id }));
    if (!result.ok) return;
    onChanged(result.value);
    notify(t('agreement.amendedToast'), 'success');
  };

  const send = async () => {
    const result = await run(() => api().agreements.exportFile({ id: agreement.id }));
    if (!result.ok) return;
    if (result.value) notifySaved(t, result.value.path);
  };

  const remove = async () => {
    setRemoving(false);
    const result = await run(() => api().agreements.remove({ id: agreement.id }));
    if (!result.ok) return;
    notify(t('agreement.removed'), 'success');
    void navigate('/agreements');
  };

  return (
    <Page
      title={content.title}
      intro={t('agreement.between', { a: content.parties.A.legalName, b: content.parties.B.legalName })}
      actions={
        <>
          <Button onPress={() => setExporting(true)}>{t('exports.export')}</Button>
          {agreement.signatures.length === 0 && (
            <Button variant="danger" onPress={() => setRemoving(true)}>
              {t('agreement.remove')}
            </Button>
          )}
        </>
      }
    >

      <section className="card agreement-status" aria-labelledby="agreement-status-title">
        <div className="agreement-status__main">
          <h2 id="agreement-status-title">{t('agreement.statusTitle')}</h2>
          <AgreementStateBadge state={view.state} />
          <p>{t(`agreement.stateHelp.${view.state}`, { partner: partner.legalName, own: own.legalName })}</p>
          {view.partnership && (
            <p className="muted small">
              {t('agreement.fromPartnership')} <a href={`#/partnerships/${view.partnership.id}`}>{view.partnership.title}</a>
            </p>
          )}
          {view.endsOn && <p className="muted small">{t('agreement.endsOn', { date: format.day(view.endsOn) })}</p>}
        </div>
        <div className="agreement-status__code">
          <span className="muted small">{t('agreement.code')}</span>
          <span className="verification-code" aria-describedby="agreement-code-help">
            {view.verificationCode}
          </span>
          <span id="agreement-code-help" className="muted small">
            {t('agreement.codeHelp')}
          </span>
          <details className="small">
            <summary>{t('agreement.fullHash')}</summary>
            <code className="mono break">{view.contentHash}</code>
          </details>
        </div>
        <div className="agreement-status__actions">
          {view.canSign && (
            <Button variant="primary" onPress={() => setConfirmSign(true)} isDisabled={busy}>
              {view.state === 'awaiting-own' ? t('agreement.countersign') : t('agreement.sign')}
            </Button>
          )}
          {view.canSendFile && (
            <Button onPress={() => void send()} variant={view.canSign ? 'secondary' : 'primary'}>
              {t(view.state === 'concluded' ? 'agreement.sendConcluded' : 'agreement.send')}
            </Button>
          )}
          {signed && <Button onPress={() => setAmending(true)}>{t('agreement.amend')}</Button>}
        </div>
      </section>
      {!view.integrity.ok && (
        <p className="alert alert--error" role="alert">
          {t('agreement.integrityFailed')} {view.integrity.message}
        </p>
      )}
      {view.state === 'changed-after-signing' && (
        <p className="alert alert--warning" role="status">
          {t('agreement.changedAfterSigning')}
        </p>
      )}

      <Signatures view={view} />

      <Tabs selectedKey={tab} onSelectionChange={(key) => setParams({ tab: String(key) }, { replace: true })} className="tabs">
        <TabList aria-label={t('agreement.sections')} className="tabs__list">
          <Tab id="text" className="tabs__tab">
            {t('agreement.text')}
          </Tab>
          <Tab id="history" className="tabs__tab">
            {t('agreement.history')}
          </Tab>
        </TabList>
        <TabPanel id="text" className="tabs__panel stack">
          <AgreementEditor view={view} onSaved={onChanged} readOnly={signed} />
        </TabPanel>
        <TabPanel id="history" className="tabs__panel">
          <History view={view} />
        </TabPanel>
      </Tabs>

      <ConfirmDialog
        isOpen={confirmSign}
        title={view.state === 'awaiting-own' ? t('agreement.countersignTitle') : t('agreement.signTitle')}
        confirmLabel={view.state === 'awaiting-own' ? t('agreement.countersignNow') : t('agreement.signNow')}
        onConfirm={() => void sign()}
        onCancel={() => setConfirmSign(false)}
      >
        <p>{t('agreement.signAs', { name: own.signatory.name, role: own.signatory.role || '—', institution: own.legalName })}</p>
        <p>
          {t('agreement.signCode')} <strong className="mono">{view.verificationCode}</strong>
        </p>
        <p className="muted small">{t('agreement.sealNote')}</p>
      </ConfirmDialog>
      <ConfirmDialog isOpen={amending} title={t('agreement.amendTitle')} confirmLabel={t('agreement.amendNow')} onConfirm={() => void amend()} onCancel={() => setAmending(false)}>
        <p>{t('agreement.amendBody')}</p>
      </ConfirmDialog>
      <ConfirmDialog isOpen={removing} title={t('agreement.removeTitle')} confirmLabel={t('agreement.remove')} destructive onConfirm={() => void remove()} onCancel={() => setRemoving(false)}>
        <p>{t('agreement.removeBody')}</p>
      </ConfirmDialog>
      {unlocking && (
        <UnlockDialog
          onClose={() => setUnlocking(false)}
          onUnlocked={() => {
            setUnlocking(false);
            void sign();
          }}
        />
      )}
      {exporting && (
        <ExportDialog
          title={t('agreement.exportTitle')}
          intro={t('agreement.exportIntro')}
          onClose={() => {
            setExporting(false);
            onReload();
          }}
          choices={[
            { id: 'word', label: t('agreement.exportWord'), run: (language) => api().agreements.exportWord({ id: agreement.id, language }) },
            ...(view.canSendFile ? [{ id: 'file', label: t('agreement.exportFile'), run: () => api().agreements.exportFile({ id: agreement.id }) }] : []),
            ...(view.canSendFile && sharedFolder ? [{ id: 'publish', label: t('exports.publish'), run: () => api().agreements.publish({ id: agreement.id }) }] : []),
          ]}
        />
      )}
    </Page>
  );
}

function Signatures({ view }: { view: AgreementView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { content } = view.agreement;
  return (
    <section className="card" aria-labelledby="seals-title">
      <h2 id="seals-title">{t('agreement.seals')}</h2>
      {view.signatures.length === 0 ? (
        <p className="muted">{t('agreement.noSeals')}</p>
      ) : (
        <DataTable
          label={t('agreement.seals')}
          rows={view.signatures}
          rowKey={(signature) => signature.keyFingerprint}
          columns={[
            { id: 'party', header: t('agreement.columns.party'), isRowHeader: true, cell: (signature) => content.parties[signature.side].legalName },
            {
              id: 'signer',
              header: t('agreement.columns.signer'),
              cell: (signature) => (
                <>
                  {signature.signer.name}
                  {signature.signer.role && <span className="muted small block">{signature.signer.role}</span>}
                </>
              ),
            },
            { id: 'date', header: t('agreement.columns.date'), cell: (signature) => format.dateTime(signature.signedAt) },
            {
              id: 'key',
              header: t('agreement.columns.key'),
              cell: (signature) => (
                <>
                  <span className="mono">{signature.keyCode}</span>
                  <span className={`badge block-inline ${signature.key === 'own' || signature.key === 'confirmed' ? 'badge--added' : 'badge--draft'}`}>{t(`agreement.key.${signature.key}`)}</span>
                  <span className="muted small block mono" title={signature.keyFingerprint}>
                    {signature.displayFingerprint}
                  </span>
                </>
              ),
            },
            {
              id: 'covers',
              header: t('agreement.columns.covers'),
              cell: (signature) =>
                !signature.valid ? (
                  <span className="badge badge--critical">{t('agreement.invalid')}</span>
                ) : signature.coversContent ? (
                  <span className="badge badge--added">{t('agreement.covers')}</span>
                ) : (
                  <span className="badge badge--critical">{t('agreement.stale', { code: signature.contentCode })}</span>
                ),
            },
          ]}
        />
      )}
      {view.signatures.some((signature) => signature.key === 'unconfirmed') && (
        <p className="muted small">
          {t('agreement.confirmKeyHint')} <a href="#/exchange/keys">{t('partnerKeys.title')}</a>
        </p>
      )}
    </section>
  );
}

function History({ view }: { view: AgreementView }) {
  const { t } = useTranslation();
  const format = useFormat();
  // Newest first; the index keeps two events of the same moment apart.
  const events = [...view.agreement.history].map((event, index) => ({ event, key: `${event.at}-${index}` })).reverse();
  const table = (
    <DataTable
      label={t('agreement.history')}
      rows={events}
      rowKey={(row) => row.key}
      columns={[
        { id: 'date', header: t('agreement.columns.date'), isRowHeader: true, cell: ({ event }) => format.dateTime(event.at) },
        { id: 'event', header: t('agreement.columns.event'), cell: ({ event }) => t(`agreement.events.${event.kind}`) },
        { id: 'by', header: t('agreement.columns.by'), cell: ({ event }) => event.by || '—' },
        { id: 'code', header: t('agreement.code'), className: 'mono', cell: ({ event }) => verificationCode(event.contentHash) },
      ]}
    />
  );
  const revisions = view.agreement.revisions ?? [];
  return (
    <div className="stack">
      {table}
      {revisions.length > 0 && (
        <section aria-labelledby="agreement-revisions-title" className="stack">
          <h3 id="agreement-revisions-title">{t('agreement.revisionsTitle')}</h3>
          <ul data-testid="agreement-revisions">
            {[...revisions].reverse().map((revision) => (
              <li key={revision.amendedAt}>
                {t('agreement.revisionLine', {
                  code: verificationCode(agreementContentHash(revision.content)),
                  signers: revision.signatures.map((signature) => `${signature.signer.name} (${revision.content.parties[signature.side].legalName})`).join(', ') || '—',
                  date: format.dateTime(revision.amendedAt),
                })}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
