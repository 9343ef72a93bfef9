/**
 * Results of one assessment, updated as answers change: overall score, decision band (only once
 * complete, or when already certain; before that the progress and the score so far), completeness, every dimension's score as a radar chart (from three dimensions
 * on) and a bar chart (with the numbers as a table), blockers, and the strongest and weakest criteria. Every figure comes from
 * the shared report model, as in the Word and Excel reports.
 */
import { useTranslation } from 'react-i18next';
import { barChartSvg, radarChartSvg } from '../../../shared/charts';
import type { Assessment } from '../../../shared/assessment/schema';
import type { Framework } from '../../../shared/framework/schema';
import { assessmentReport } from '../../../shared/report';
import type { CriterionLine } from '../../../shared/report/model';
import { Chart, currentPalette } from '../../components/Chart';
import { NotApplicableUse } from './NotApplicableUse';
import { VerdictBadge } from '../../components/VerdictBadge';
import { useFormat } from '../../lib/format';

function CriterionLines({ items, scale }: { items: CriterionLine[]; scale: Framework['scale'] }) {
  return (
    <ul className="criterion-lines">
      {items.map((item) => (
        <li key={item.criterionId}>
          <span className="mono">{item.criterionId}</span> {item.title}
          {item.level !== null && (
            <span className={`level-chip level-${item.level}`}>
              {item.level} · {scale[item.level]?.label}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

export function ResultsPanel({ assessment, framework }: { assessment: Assessment; framework: Framework }) {
  const { t } = useTranslation();
  const format = useFormat();
  const report = assessmentReport({ framework, assessment, today: new Date().toISOString().slice(0, 10) });
  const { score } = report;
  const open = score.verdict.kind === 'progress';
  const axes = score.dimensions.map((dimension) => ({ id: dimension.id, label: dimension.title }));
  const series = [{ name: t(`assessment.kind.${assessment.kind}`), values: score.dimensions.map((dimension) => dimension.score.raw) }];
  const palette = currentPalette();
  // A radar needs three axes; a consortium's own framework may have fewer dimensions.
  const radar = axes.length >= 3 ? radarChartSvg({ title: t('results.radarTitle'), axes, series, palette, format: format.score, width: 520 }) : null;
  const bars = barChartSvg({
    title: t('results.barTitle'),
    axes,
    series,
    palette,
    format: format.score,
    width: 560,
    thresholds: [
      { value: framework.thresholds.ready, label: t('band.ready') },
      { value: framework.thresholds.conditional, label: t('band.conditional') },
    ],
  });

  return (
    <div className="stack">
      <div className="figures">
        <div className="figure-card">
          <span className="figure-card__label">{t(open ? 'results.overallSoFar' : 'results.overall')}</span>
          <span className={open ? 'figure-card__value verdict__so-far' : 'figure-card__value'}>{format.figure(score.overall)}</span>
        </div>
        <div className="figure-card">
          <span className="figure-card__label">{t('results.band')}</span>
          <VerdictBadge verdict={score.verdict} showProgress={false} showScore={false} />
        </div>
        <div className="figure-card">
          <span className="figure-card__label">{t('results.completeness')}</span>
          <span className="figure-card__value">{t('results.answeredOf', { answered: score.completeness.answered, total: score.completeness.total })}</span>
        </div>
        <div className="figure-card">
          <span className="figure-card__label">{t('results.blockers')}</span>
          <span className="figure-card__value">{score.blockers.length}</span>
        </div>
      </div>
      {open && (
        <p className="alert alert--info">
          {t(score.verdict.kind === 'progress' && score.verdict.certain !== null ? 'results.openButCertain' : 'results.provisional', { answered: score.completeness.answered, total: score.completeness.total })}
        </p>
      )}

      <div className="charts">
        {radar && <Chart chart={radar} caption={t('results.radarTitle')} />}
        <Chart chart={bars} caption={t('results.barTitle')} />
      </div>

      <section className="card" aria-labelledby="results-blockers">
        <h2 id="results-blockers">{t('results.blockersTitle', { level: framework.thresholds.blockerBelowLevel })}</h2>
        {score.blockers.length ? <CriterionLines items={score.blockers} scale={framework.scale} /> : <p>{t('results.noBlockers')}</p>}
        {score.criticalMissing.length > 0 && <p className="muted">{t('results.criticalMissing', { count: score.criticalMissing.length })}</p>}
      </section>
      <div className="two-columns">
        <section className="card" aria-labelledby="results-strongest">
          <h2 id="results-strongest">{t('results.strongest')}</h2>
          {score.strongest.length ? <CriterionLines items={score.strongest} scale={framework.scale} /> : <p className="muted">{t('results.nothingRated')}</p>}
        </section>
        <section className="card" aria-labelledby="results-weakest">
          <h2 id="results-weakest">{t('results.weakest')}</h2>
          {score.weakest.length ? <CriterionLines items={score.weakest} scale={framework.scale} /> : <p className="muted">{t('results.nothingRated')}</p>}
        </section>
      </div>
      <NotApplicableUse assessment={assessment} framework={framework} />
    </div>
  );
}
