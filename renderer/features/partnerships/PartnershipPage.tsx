/**
 * A partnership: the two institutions, the four assessments lined up criterion by criterion
 * (self vs. peer, gaps, flags), each side's readiness and the partnership's (the weaker side bounds
 * it), each side's calibration; the decision and the action plan. Every figure comes from the
 * shared report model, exactly as in the readiness report for top management.
 */
import { useState } from 'react';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { barChartSvg } from '../../../shared/charts';
import type { Framework } from '../../../shared/framework/schema';
import type { PartnershipView } from '../../../shared/ipc/contract';
import { fitsSlot, partnershipSlots, type PartnershipSlot } from '../../../shared/partnership/slots';
import { partnershipReport } from '../../../shared/report';
import type { PartnershipReport, SideReport } from '../../../shared/report/model';
import type { PartnershipSide } from '../../../shared/scoring';
import { BandBadge } from '../../components/BandBadge';
import { VerdictBadge } from '../../components/VerdictBadge';
import { Chart, currentPalette } from '../../components/Chart';
import { Button } from '../../components/Button';
import { ExportDialog, useExchangeChoices } from '../../components/ExportDialog';
import { profileOf } from '../../../shared/framework/guide2';
import { Page } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { api } from '../../lib/api';
import { useAction } from '../../lib/use-action';
import { today } from '../../lib/dates';
import { useResource } from '../../lib/use-resource';
import { PartnershipAgreement } from '../agreements/PartnershipAgreement';
import { ActionPlan } from './ActionPlan';
import { DecisionForm } from './DecisionForm';
import { GapTable } from './GapTable';
import { useFormat, useShowName, useUiLanguage } from '../../lib/format';

export function PartnershipPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const language = useUiLanguage();
  const view = useResource(() => api().partnerships.view({ id, language }), [id, language]);
  if (view.error || !view.data) return <Page title={t('nav.partnerships')} resource={{ ...view, data: undefined }} />;
  return <PartnershipScreen view={view.data} onChanged={view.reload} />;
}

function PartnershipScreen({ view, onChanged }: { view: PartnershipView; onChanged(): void }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'overview';
  const [exporting, setExporting] = useState(false);
  const { partnership, institutionA, institutionB, framework } = view;
  const exchangeChoices = useExchangeChoices({ partnershipIds: [partnership.id] });
  const report: PartnershipReport | null = framework
    ? partnershipReport({
        framework,
        partnership,
        institutions: {
          A: { id: institutionA.id, legalName: institutionA.legalName, country: institutionA.country, city: institutionA.city },
          B: { id: institutionB.id, legalName: institutionB.legalName, country: institutionB.country, city: institutionB.city },
        },
        assessments: view.assessments,
        today: today(),
      })
    : null;

  return (
    <Page
      title={partnership.title}
      intro={t('partnership.between', { a: institutionA.legalName, b: institutionB.legalName })}
      actions={<Button onPress={() => setExporting(true)}>{t('exports.export')}</Button>}
    >
      {partnership.profileId && (
        <p className="muted" data-testid="partnership-profile">
          {t('guide2.profileShown', { title: (framework && profileOf(framework, partnership.profileId)?.title) ?? partnership.profileId })}
        </p>
      )}
      <Tabs selectedKey={tab} onSelectionChange={(key) => setParams({ tab: String(key) }, { replace: true })} className="tabs">
        <TabList aria-label={t('partnership.sections')} className="tabs__list">
          <Tab id="overview" className="tabs__tab">
            {t('partnership.overview')}
          </Tab>
          <Tab id="criteria" className="tabs__tab">
            {t('partnership.criteria')}
          </Tab>
          <Tab id="decision" className="tabs__tab">
            {t('partnership.decisionAndPlan')}
          </Tab>
        </TabList>
        <TabPanel id="overview" className="tabs__panel stack">
          {report && framework ? <Readiness report={report} framework={framework} /> : <p className="empty-state">{t('partnership.noAssessments')}</p>}
          <Slots view={view} onChanged={onChanged} />
        </TabPanel>
        <TabPanel id="criteria" className="tabs__panel stack">
          {report ? (
            (['A', 'B'] as const).map((side) => <SideGaps key={side} side={report.sides[side]} other={report.sides[side === 'A' ? 'B' : 'A']} />)
          ) : (
            <div className="empty-state">
              <p>{t('partnership.noAssessments')}</p>
              <Button onPress={() => setParams({ tab: 'overview' }, { replace: true })}>{t('partnership.linkAssessments')}</Button>
            </div>
          )}
        </TabPanel>
        <TabPanel id="decision" className="tabs__panel stack">
          {report?.decisionAboveScores && <p className="alert alert--warning">{t('partnership.decisionAboveScores', { band: t(`band.${report.readiness.band}`) })}</p>}
          <DecisionForm partnership={partnership} suggested={report?.readiness.band} onSaved={onChanged} />
          <ActionPlan partnership={partnership} framework={framework} institutions={{ A: institutionA.legalName, B: institutionB.legalName }} onChanged={onChanged} />
          <PartnershipAgreement partnership={partnership} />
        </TabPanel>
      </Tabs>
      {exporting && (
        <ExportDialog
          title={t('exports.partnershipTitle', { title: partnership.title })}
          intro={t('exports.partnershipIntro')}
          onClose={() => setExporting(false)}
          choices={[
            { id: 'brief', label: t('exports.brief'), run: (language) => api().exports.brief({ id: partnership.id, language }) },
            { id: 'readiness', label: t('exports.readinessReport'), run: (language) => api().exports.readinessReport({ id: partnership.id, language }) },
            { id: 'workbook', label: t('exports.workbook'), run: (language) => api().exports.workbook({ id: partnership.id, language, of: 'partnership' }) },
            ...exchangeChoices,
          ]}
        />
      )}
    </Page>
  );
}

function SideCard({ side, report }: { side: SideReport; report: PartnershipReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const bounding = report.readiness.boundedBy === side.side || report.readiness.boundedBy === 'both';
  return (
    <section className="card side-card" aria-labelledby={`side-${side.side}`}>
      <h2 id={`side-${side.side}`}>{side.institution.legalName}</h2>
      <VerdictBadge verdict={side.verdict} />
      <p className="muted">{t(`partnership.basis.${side.basis}`)}</p>
      {side.comparison && (
        <p>
          {t('partnership.calibration', { value: format.figure(side.comparison.calibration), count: side.comparison.calibrationBasis })}
        </p>
      )}
      {bounding && report.readiness.boundedBy !== 'both' && <p className="note note--warning">{t('partnership.bounds')}</p>}
    </section>
  );
}

/**
 * What top management reads first: the decision (who decided and when) or, before one is recorded,
 * what the scores say; then the blockers with what each one does under the guide's rules; then the
 * open conditions, overdue ones marked. The side-by-side figures and the chart come after.
 */
function DecisionBanner({ report }: { report: PartnershipReport }) {
  const { t } = useTranslation();
  const showName = useShowName();
  const format = useFormat();
  const [, setParams] = useSearchParams();
  const { decision } = report;
  return (
    <section className={`card decision-banner decision-banner--${decision?.outcome ?? 'open'}`} aria-labelledby="decision-banner-title">
      {decision ? (
        <>
          <h2 id="decision-banner-title">
            {t('partnership.bannerTitle')}: <BandBadge band={decision.outcome} />
          </h2>
          <p>{t('partnership.decidedByOn', { by: showName(decision.decidedBy) || '—', date: format.date(decision.decidedAt) })}</p>
          {report.decisionAboveScores && <p className="alert alert--warning">{t('partnership.decisionAboveScores', { band: t(`band.${report.readiness.band}`) })}</p>}
        </>
      ) : (
        <>
          <h2 id="decision-banner-title">{t('partnership.noDecisionYet')}</h2>
          <p>
            {t('partnership.scoresSay')} <VerdictBadge verdict={report.readiness.verdict} />
          </p>
          <Button onPress={() => setParams({ tab: 'decision' }, { replace: true })}>{t('partnership.recordDecision')}</Button>
        </>
      )}
    </section>
  );
}

function Blockers({ report, framework }: { report: PartnershipReport; framework: Framework }) {
  const { t } = useTranslation();
  const { blockerBelowLevel, conditionalMinCriticalLevel } = framework.thresholds;
  const label = (level: number) => framework.scale.find((step) => step.value === level)?.label ?? String(level);
  if (report.blockers.length === 0) return null;
  const bands = { ready: t('band.ready'), conditional: t('band.conditional'), notReady: t('band.not-ready') };
  return (
    <section className="card" aria-labelledby="partnership-blockers">
      <h2 id="partnership-blockers">{t('results.blockersTitle', { level: blockerBelowLevel })}</h2>
      <p>{t('partnership.blockerExplained', { level: blockerBelowLevel, label: label(blockerBelowLevel), ...bands })}</p>
      {conditionalMinCriticalLevel > 0 && <p className="muted">{t('partnership.blockerExplainedSevere', { level: conditionalMinCriticalLevel, label: label(conditionalMinCriticalLevel), ...bands })}</p>}
      <ul className="blocker-list">
        {report.blockers.map((blocker) => {
          const severe = blocker.level !== null && blocker.level < conditionalMinCriticalLevel;
          return (
            <li key={`${blocker.side}-${blocker.criterionId}`}>
              <strong>{blocker.institution}</strong>: <span className="mono">{blocker.criterionId}</span> {blocker.title}{' '}
              <span className={`badge ${severe ? 'badge--critical' : 'badge--draft'}`}>{t('partnership.blocks', { band: severe ? bands.conditional : bands.ready })}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Conditions({ report }: { report: PartnershipReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const open = report.actions.filter((action) => action.isCondition && action.status !== 'done');
  return (
    <section className="card" aria-labelledby="partnership-conditions">
      <h2 id="partnership-conditions">{t('partnership.conditionsTitle')}</h2>
      {open.length === 0 ? (
        <p className="muted">{t('partnership.noConditions')}</p>
      ) : (
        <ul className="condition-list">
          {open.map((action) => (
            <li key={action.id}>
              {action.title} <span className="muted small">({action.institution}{action.dueDate ? ` · ${t('partnership.conditionDue', { date: format.day(action.dueDate) })}` : ''})</span>{' '}
              {action.overdue && <span className="badge badge--critical">{t('partnership.conditionOverdue')}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Readiness({ report, framework }: { report: PartnershipReport; framework: Framework }) {
  const { t } = useTranslation();
  const format = useFormat();
  const chart = barChartSvg({
    title: t('partnership.chartTitle'),
    axes: report.dimensions.map((dimension) => ({ id: dimension.id, label: dimension.title })),
    series: (['A', 'B'] as const).map((side) => ({ name: report.institutions[side].legalName, values: report.dimensions.map((dimension) => dimension.readiness[side].raw) })),
    palette: currentPalette(),
    format: format.score,
    width: 640,
    thresholds: [
      { value: report.framework.thresholds.ready, label: t('band.ready') },
      { value: report.framework.thresholds.conditional, label: t('band.conditional') },
    ],
  });
  return (
    <>
      <DecisionBanner report={report} />
      <Blockers report={report} framework={framework} />
      <Conditions report={report} />
      <div className="readiness">
        <SideCard side={report.sides.A} report={report} />
        <section className="card side-card side-card--partnership" aria-labelledby="side-partnership">
          <h2 id="side-partnership">{t('partnership.readiness')}</h2>
          <VerdictBadge verdict={report.readiness.verdict} />
          <p className="muted">{t('partnership.weakerSide')}</p>
        </section>
        <SideCard side={report.sides.B} report={report} />
      </div>
      <Chart chart={chart} caption={t('partnership.chartTitle')} />
    </>
  );
}

function SideGaps({ side, other }: { side: SideReport; other: SideReport }) {
  const { t } = useTranslation();
  const [flaggedOnly, setFlaggedOnly] = useState(true);
  return (
    <section className="card stack" aria-labelledby={`gaps-${side.side}`}>
      <h2 id={`gaps-${side.side}`}>{t('partnership.gapsTitle', { name: side.institution.legalName, auditor: other.institution.legalName })}</h2>
      {side.comparison ? (
        <GapTable comparison={side.comparison} flaggedOnly={flaggedOnly} onFlaggedOnly={setFlaggedOnly} selfName={side.institution.legalName} auditorName={other.institution.legalName} />
      ) : (
        <p className="muted">{t('partnership.gapsMissing')}</p>
      )}
    </section>
  );
}

function Slots({ view, onChanged }: { view: PartnershipView; onChanged(): void }) {
  const { t } = useTranslation();
  const run = useAction();
  const all = useResource(() => api().assessments.list(), []);
  const { partnership, institutionA, institutionB } = view;
  const label = (slot: PartnershipSlot) =>
    t(`partnership.slots.${slot}`, { a: institutionA.legalName, b: institutionB.legalName });
  const link = async (slot: PartnershipSlot, assessmentId: string) => {
    const result = await run(() => api().partnerships.link({ id: partnership.id, slot, assessmentId: assessmentId || null }));
    if (!result.ok) return;
    onChanged();
  };
  return (
    <section className="card" aria-labelledby="slots-title">
      <h2 id="slots-title">{t('partnership.assessments')}</h2>
      <p className="muted">{t('partnership.assessmentsHelp')}</p>
      <div className="form-row">
        {partnershipSlots.map((slot) => (
          <SelectField
            key={slot}
            label={label(slot)}
            value={partnership.assessments[slot] ?? ''}
            options={[
              { value: '', label: t('partnership.noneLinked') },
              ...(all.data ?? [])
                .filter((summary) => fitsSlot(summary, slot, partnership))
                .map((summary) => ({ value: summary.id, label: `${summary.title}${summary.status === 'complete' ? '' : ` (${t('assessments.status.draft')})`}` })),
            ]}
            onChange={(value) => void link(slot, value)}
            name={slot}
          />
        ))}
      </div>
    </section>
  );
}

export type { PartnershipSide };
