/**
 * The colleague's side of team assessment: the contribution requests opened in their own
 * TrustBridge, each rated criterion by criterion (level, justification, evidence links), and the
 * signed contribution file to send back to the coordinator.
 */
import { useEffect, useState } from 'react';
import { Label, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { AppErrorData } from '../../../../shared/errors';
import type { RatingEvidence, RatingValue } from '../../../../shared/team/schema';
import type { ContributionRequestSummary, ContributionRequestView } from '../../../../shared/team/view';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { DataTable } from '../../../components/DataTable';
import { ErrorMessage, errorText } from '../../../components/ErrorMessage';
import { LinkButton } from '../../../components/LinkButton';
import { PageHeader } from '../../../components/PageHeader';
import { TextInput } from '../../../components/TextInput';
import { notify } from '../../../components/Toasts';
import { useFormat } from '../../../lib/format';
import { UnlockDialog } from '../../../components/UnlockDialog';
import { needsUnlock } from '../../../lib/signing';
import { teamApi } from './team-api';

/** Opens a request file (the open dialog) and goes to it. */
export function OpenRequestButton({ variant = 'secondary' }: { variant?: 'primary' | 'secondary' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Button
      variant={variant}
      onPress={() => void (async () => {
        const result = await teamApi().openRequest({});
        if (!result.ok) return notify(errorText(t, result.error), 'error');
        if (result.value) void navigate(`/team/requests/${encodeURIComponent(result.value.requestId)}`);
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
  const [requests, setRequests] = useState<ContributionRequestSummary[]>();
  const [failure, setFailure] = useState<AppErrorData>();
  useEffect(() => {
    void teamApi()
      .requests({})
      .then((result) => (result.ok ? setRequests(result.value) : setFailure(result.error)));
  }, []);
  return (
    <>
      <PageHeader title={t('team.requests.title')} intro={t('team.requests.intro')} actions={<OpenRequestButton variant="primary" />} />
      <ErrorMessage error={failure} />
      {requests &&
        (requests.length === 0 ? (
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
        ))}
    </>
  );
}

function RequestPage({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const [view, setView] = useState<ContributionRequestView>();
  const [failure, setFailure] = useState<AppErrorData>();
  const [unlocking, setUnlocking] = useState(false);
  const [removing, setRemoving] = useState(false);
  useEffect(() => {
    void teamApi()
      .request({ requestId })
      .then((result) => (result.ok ? setView(result.value) : setFailure(result.error)));
  }, [requestId]);

  const exportContribution = async () => {
    const result = await teamApi().exportContribution({ requestId });
    if (needsUnlock(result)) return setUnlocking(true);
    if (!result.ok) return notify(errorText(t, result.error), 'error');
    if (!result.value) return;
    notify(t('team.requests.exported', { path: result.value.path }));
    const again = await teamApi().request({ requestId });
    if (again.ok) setView(again.value);
  };

  if (failure)
    return (
      <>
        <PageHeader title={t('team.requests.title')} />
        <ErrorMessage error={failure} />
      </>
    );
  if (!view) return <p className="muted">{t('common.loading')}</p>;
  const rated = view.criteria.filter((criterion) => view.ratings[criterion.criterionId]).length;
  return (
    <>
      <PageHeader
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
      />
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
          <RateCriterion key={criterion.criterionId} requestId={requestId} criterion={criterion} saved={view.ratings[criterion.criterionId]} onSaved={setView} />
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
          const result = await teamApi().removeRequest({ requestId });
          if (!result.ok) return notify(errorText(t, result.error), 'error');
          void navigate('/team/requests');
        })()}
      >
        <p>{t('team.requests.removeText')}</p>
      </ConfirmDialog>
    </>
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
  const headingId = `rate-${criterion.criterionId}`;
  const dirty = value !== (saved?.value ?? null) || justification !== (saved?.justification ?? '') || JSON.stringify(evidence) !== JSON.stringify(saved?.evidence ?? []);
  const save = async () => {
    setBusy(true);
    const result = await teamApi().rate({ requestId, criterionId: criterion.criterionId, value, justification, evidence: evidence.filter((item) => item.label.trim() || item.url.trim()) });
    setBusy(false);
    if (!result.ok) return notify(errorText(t, result.error), 'error');
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
