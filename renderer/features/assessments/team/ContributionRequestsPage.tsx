/**
 * The colleague's side of team assessment: the contribution requests opened in their own
 * TrustBridge, each rated criterion by criterion (level, justification, evidence links), and the
 * signed contribution file to send back to the coordinator.
 */
import { useState } from 'react';
import { Label, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { RatingEvidence, RatingValue } from '../../../../shared/team/schema';
import type { ContributionRequestView } from '../../../../shared/team/view';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { DataTable } from '../../../components/DataTable';
import { LinkButton } from '../../../components/LinkButton';
import { Page } from '../../../components/Page';
import { TextInput } from '../../../components/TextInput';
import { notify } from '../../../components/Toasts';
import { useFormat } from '../../../lib/format';
import { UnlockDialog } from '../../../components/UnlockDialog';
import { needsUnlock } from '../../../lib/signing';
import { useAction } from '../../../lib/use-action';
import { useResource } from '../../../lib/use-resource';
import { teamApi } from './team-api';

/** Opens a request file (the open dialog) and goes to it. */
export function OpenRequestButton({ variant = 'secondary' }: { variant?: 'primary' | 'secondary' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const run = useAction();
  return (
    <Button
      variant={variant}
      onPress={() => void (async () => {
        const result = await run(() => teamApi().openRequest({}));
        if (result.ok && result.value) void navigate(`/team/requests/${encodeURIComponent(result.value.requestId)}`);
      })()}
    >
      {t('team.requests.open')}
    </Button>
  );
}

export function ContributionRequestsPage() {
  const { requestId } = useParams();
  return requestId ? <RequestPage requestId={requestId} /> : <RequestList />;
}

function RequestList() {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useResource(() => teamApi().requests({}), []);
  return (
    <Page title={t('team.requests.title')} intro={t('team.requests.intro')} actions={<OpenRequestButton variant="primary" />} resource={list}>
      {(requests) =>
        requests.length === 0 ? (
          <p className="empty-state">{t('team.requests.empty')}</p>
        ) : (
          <DataTable
            label={t('team.requests.title')}
            data-testid="team-requests"
            rows={requests}
            rowKey={(request) => request.requestId}
            columns={[
              {
                id: 'assessment',
                header: t('team.requests.assessment'),
                isRowHeader: true,
                cell: (request) => (
                  <>
                    <a href={`#/team/requests/${encodeURIComponent(request.requestId)}`}>{request.assessmentTitle}</a>
                    <span className="muted small block">{request.institution}</span>
                  </>
                ),
              },
              { id: 'requestedBy', header: t('team.requests.requestedBy'), cell: (request) => request.requestedBy },
              { id: 'progress', header: t('team.requests.progress'), cell: (request) => t('team.contributors.ratedValue', { rated: request.rated, total: request.criteria }) },
              { id: 'received', header: t('team.requests.received'), cell: (request) => format.date(request.receivedAt) },
              { id: 'sent', header: t('team.requests.sent'), cell: (request) => (request.exportedAt ? format.dateTime(request.exportedAt) : t('team.requests.notSent')) },
            ]}
          />
        )
      }
    </Page>
  );
}

function RequestPage({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const loaded = useResource(() => teamApi().request({ requestId }), [requestId]);
  const run = useAction();
  const [unlocking, setUnlocking] = useState(false);
  const [removing, setRemoving] = useState(false);

  const exportContribution = async () => {
    // A locked key asks for the passphrase here, then exports again.
    const result = await run(() => teamApi().exportContribution({ requestId }), { handledHere: needsUnlock });
    if (needsUnlock(result)) return setUnlocking(true);
    if (!result.ok || !result.value) return;
    notify(t('team.requests.exported', { path: result.value.path }));
    const again = await teamApi().request({ requestId });
    if (again.ok) loaded.set(again.value);
  };

  const view = loaded.data;
  // The same Page while loading and once loaded, so the heading the layout focused stays.
  if (!view) return <Page title={t('team.requests.title')} resource={loaded} />;
  const rated = view.criteria.filter((criterion) => view.ratings[criterion.criterionId]).length;
  return (
    <Page
      title={view.assessment.title}
      intro={t('team.requests.pageIntro', { name: view.requestedBy.name, institution: view.requestedBy.institution || view.assessment.institution })}
      actions={
        <>
          <LinkButton href="/team/requests">{t('team.requests.all')}</LinkButton>
          <Button variant="primary" onPress={() => void exportContribution()} isDisabled={rated === 0}>
            {t('team.requests.export')}
          </Button>
        </>
      }
    >
      <dl className="facts">
        <dt>{t('team.requests.you')}</dt>
        <dd>{[view.contributor.name, view.contributor.role].filter(Boolean).join(', ')}</dd>
        <dt>{t('team.requests.progress')}</dt>
        <dd data-testid="request-progress">{t('team.contributors.ratedValue', { rated, total: view.criteria.length })}</dd>
        <dt>{t('team.requests.sent')}</dt>
        <dd>{view.exportedAt ? format.dateTime(view.exportedAt) : t('team.requests.notSent')}</dd>
      </dl>
      <div className="stack">
        {view.criteria.map((criterion) => (
          <RateCriterion key={criterion.criterionId} requestId={requestId} criterion={criterion} saved={view.ratings[criterion.criterionId]} onSaved={loaded.set} />
        ))}
      </div>
      <div className="button-row">
        <Button variant="quiet" onPress={() => setRemoving(true)}>
          {t('team.requests.remove')}
        </Button>
      </div>
      {unlocking && (
        <UnlockDialog
          onClose={() => setUnlocking(false)}
          onUnlocked={() => {
            setUnlocking(false);
            void exportContribution();
          }}
        />
      )}
      <ConfirmDialog
        isOpen={removing}
        title={t('team.requests.removeTitle')}
        confirmLabel={t('common.remove')}
        destructive
        onCancel={() => setRemoving(false)}
        onConfirm={() => void (async () => {
          setRemoving(false);
          const result = await run(() => teamApi().removeRequest({ requestId }));
          if (result.ok) void navigate('/team/requests');
        })()}
      >
        <p>{t('team.requests.removeText')}</p>
      </ConfirmDialog>
    </Page>
  );
}

type RequestCriterion = ContributionRequestView['criteria'][number];

function RateCriterion({
  requestId,
  criterion,
  saved,
  onSaved,
}: {
  requestId: string;
  criterion: RequestCriterion;
  saved: ContributionRequestView['ratings'][string] | undefined;
  onSaved(view: ContributionRequestView): void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState<RatingValue | null>(saved?.value ?? null);
  const [justification, setJustification] = useState(saved?.justification ?? '');
  const [evidence, setEvidence] = useState<RatingEvidence[]>(saved?.evidence ?? []);
  const [busy, setBusy] = useState(false);
  const run = useAction();
  const headingId = `rate-${criterion.criterionId}`;
  const dirty = value !== (saved?.value ?? null) || justification !== (saved?.justification ?? '') || JSON.stringify(evidence) !== JSON.stringify(saved?.evidence ?? []);
  const save = async () => {
    setBusy(true);
    const result = await run(() => teamApi().rate({ requestId, criterionId: criterion.criterionId, value, justification, evidence: evidence.filter((item) => item.label.trim() || item.url.trim()) }));
    setBusy(false);
    if (!result.ok) return;
    onSaved(result.value);
    notify(t('team.requests.saved', { id: criterion.criterionId }));
  };
  return (
    <section className="card stack" aria-labelledby={headingId} data-testid={`rate-${criterion.criterionId}`}>
      <div className="section-header">
        <h2 id={headingId} className="card__headline">
          {criterion.criterionId} · {criterion.title}
        </h2>
        <span className={`badge ${saved ? 'badge--published' : ''}`}>{t(saved ? 'team.requests.rated' : 'team.requests.notRated')}</span>
      </div>
      <p className="muted small">{criterion.dimensionTitle}</p>
      {criterion.question && <p>{criterion.question}</p>}
      <RadioGroup className="choice-group" value={value === null ? null : String(value)} onChange={(next) => setValue(next === 'na' ? 'na' : (Number(next) as RatingValue))} orientation="vertical">
        <Label className="field__label">{t('team.requests.yourLevel')}</Label>
        <div className="choice-group__options team-levels">
          {criterion.levels.map((level) => (
            <Radio key={level.value} value={String(level.value)} className="choice">
              <span>
                <strong>
                  {level.value} · {level.label}
                </strong>
                {level.meaning && <span className="muted small block">{level.meaning}</span>}
              </span>
            </Radio>
          ))}
          {criterion.allowsNotApplicable && (
            <Radio value="na" className="choice">
              {t('team.notApplicable')}
            </Radio>
          )}
        </div>
      </RadioGroup>
      <TextInput label={t('team.requests.justification')} description={t('team.requests.justificationHelp')} value={justification} onChange={setJustification} multiline rows={3} />
      <fieldset className="stack team-evidence">
        <legend className="field__label">{t('team.requests.evidence')}</legend>
        {evidence.map((item, index) => (
          <div key={index} className="form-row">
            <TextInput label={t('team.requests.evidenceLabel', { number: index + 1 })} value={item.label} onChange={(label) => setEvidence(evidence.map((other, at) => (at === index ? { ...other, label } : other)))} />
            <TextInput label={t('team.requests.evidenceUrl', { number: index + 1 })} type="url" value={item.url} onChange={(url) => setEvidence(evidence.map((other, at) => (at === index ? { ...other, url } : other)))} />
            <Button variant="quiet" onPress={() => setEvidence(evidence.filter((_, at) => at !== index))} aria-label={t('team.requests.removeEvidence', { number: index + 1 })}>
              {t('common.remove')}
            </Button>
          </div>
        ))}
        <div>
          <Button variant="quiet" onPress={() => setEvidence([...evidence, { label: '', url: '' }])}>
            {t('team.requests.addEvidence')}
          </Button>
        </div>
      </fieldset>
      <div className="button-row">
        <Button variant="primary" onPress={() => void save()} isDisabled={busy || !dirty}>
          {t('team.requests.save')}
        </Button>
        {saved && (
          <Button
            onPress={() => {
              setValue(null);
              setJustification('');
              setEvidence([]);
            }}
          >
            {t('team.requests.clear')}
          </Button>
        )}
      </div>
    </section>
  );
}
