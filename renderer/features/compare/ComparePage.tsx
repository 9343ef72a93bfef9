/**
 * Any two assessments side by side: a renewal against the previous cycle, or two institutions
 * against each other — overall, per dimension and per criterion, matched by criterion identifier
 * across versions of the guide.
 */
import { useState, type ReactNode } from 'react';
import { Checkbox } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { compareAssessments, type AssessmentComparison, type ComparedSide } from '../../../shared/assessment/compare';
import { latestRevisions } from '../../../shared/assessment/summary';
import type { AssessmentView } from '../../../shared/ipc/contract';
import { BandBadge } from '../../components/BandBadge';
import { Page } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { api } from '../../lib/api';
import { useFormat, useUiLanguage } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { DataTable } from '../../components/DataTable';

const none = '';

export function ComparePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const language = useUiLanguage();
  const [params, setParams] = useSearchParams();
  const idA = params.get('a') ?? none;
  const idB = params.get('b') ?? none;
  const list = useResource(() => api().assessments.list(), []);
  const viewA = useResource<AssessmentView | null>(async () => (idA ? api().assessments.view({ id: idA, language }) : { ok: true, value: null }), [idA, language]);
  const viewB = useResource<AssessmentView | null>(async () => (idB ? api().assessments.view({ id: idB, language }) : { ok: true, value: null }), [idB, language]);
  // Every revision can be compared (a cycle with its own earlier revision, too); the newest first.
  const all = [...(list.data ?? [])].sort((x, y) => (y.completedAt ?? y.updatedAt).localeCompare(x.completedAt ?? x.updatedAt));
  const latest = new Set(latestRevisions(list.data ?? []).map((summary) => summary.id));
  const options = [
    { value: none, label: t('assessmentCompare.choose') },
    ...all.map((summary) => ({
      value: summary.id,
      label: `${summary.title} — ${summary.subject.legalName} (${format.date(summary.completedAt ?? summary.updatedAt)}${latest.has(summary.id) ? '' : `, ${t('assessment.revision', { revision: summary.revision })}`})`,
    })),
  ];
  const set = (key: 'a' | 'b', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const a = viewA.data ?? undefined;
  const b = viewB.data ?? undefined;

  return (
    <Page title={t('assessmentCompare.title')} intro={t('assessmentCompare.intro')} resource={list} error={viewA.error ?? viewB.error}>
      {() => (
        <>
          <div className="form-row">
            <SelectField label={t('assessmentCompare.first')} value={idA} options={options} onChange={(value) => set('a', value)} name="first" />
            <SelectField label={t('assessmentCompare.second')} value={idB} options={options} onChange={(value) => set('b', value)} name="second" />
          </div>
          {a && b ? (
            <Comparison a={a} b={b} />
          ) : idA && idB ? (
            (viewA.loading || viewB.loading) && (
              <p className="muted" role="status">
                {t('common.loading')}
              </p>
            )
          ) : (
            <p className="empty-state">{t('assessmentCompare.pickTwo')}</p>
          )}
        </>
      )}
    </Page>
  );
}

function Comparison({ a, b }: { a: AssessmentView; b: AssessmentView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [differencesOnly, setDifferencesOnly] = useState(true);
  const comparison: AssessmentComparison = compareAssessments(a, b);
  const name = (view: AssessmentView) => `${view.assessment.title} (${view.assessment.subject.legalName})`;
  const rows = differencesOnly ? comparison.rows.filter((row) => row.only !== null || row.delta !== 0 || row.reworded) : comparison.rows;
  const { counts } = comparison;
  // The overall figure first, then each dimension: one row shape for the table.
  const overallRows: Array<{ key: string; name: ReactNode; a: ReactNode; b: ReactNode; delta: number | null }> = [
    {
      key: 'overall',
      name: t('assessmentCompare.overallRow'),
      a: (
        <>
          {format.score(comparison.overall.a)} <BandBadge band={comparison.overall.bandA} />
        </>
      ),
      b: (
        <>
          {format.score(comparison.overall.b)} <BandBadge band={comparison.overall.bandB} />
        </>
      ),
      delta: comparison.overall.delta,
    },
    ...comparison.dimensions.map((dimension) => ({
      key: `dimension-${dimension.id}`,
      name: (
        <>
          <span className="mono">{dimension.id}</span> {dimension.title}
        </>
      ),
      a: format.score(dimension.a),
      b: format.score(dimension.b),
      delta: dimension.delta,
    })),
  ];
  return (
    <div className="stack">
      {!comparison.sameFramework && (
        <p className="alert alert--info">
          {t('assessmentCompare.differentVersions', {
            a: `${a.framework.title} ${a.framework.version}`,
            b: `${b.framework.title} ${b.framework.version}`,
          })}
        </p>
      )}
      <section className="card" aria-labelledby="compare-overall">
        <h2 id="compare-overall">{t('assessmentCompare.overall')}</h2>
        <DataTable
          labelledBy="compare-overall"
          rows={overallRows}
          rowKey={(row) => row.key}
          columns={[
            { id: 'dimension', header: t('assessmentCompare.dimension'), isRowHeader: true, cell: (row) => row.name },
            { id: 'a', header: name(a), cell: (row) => row.a },
            { id: 'b', header: name(b), cell: (row) => row.b },
            { id: 'change', header: t('assessmentCompare.change'), cell: (row) => <Delta value={row.delta} points /> },
          ]}
        />
      </section>

      <section className="card stack" aria-labelledby="compare-criteria">
        <h2 id="compare-criteria">{t('assessmentCompare.criteria')}</h2>
        <p className="muted" role="status">
          {t('assessmentCompare.counts', { higher: counts.higher, lower: counts.lower, same: counts.same, onlyA: counts.onlyA, onlyB: counts.onlyB })}
        </p>
        <Checkbox className="checkbox" isSelected={differencesOnly} onChange={setDifferencesOnly}>
          <span className="checkbox__box" aria-hidden="true" />
          {t('assessmentCompare.differencesOnly')}
        </Checkbox>
        {rows.length === 0 ? (
          <p className="muted">{t('assessmentCompare.noDifferences')}</p>
        ) : (
          <DataTable
            labelledBy="compare-criteria"
            rows={rows}
            rowKey={(row) => row.criterionId}
            columns={[
              {
                id: 'criterion',
                header: t('history.criterion'),
                isRowHeader: true,
                cell: (row) => (
                  <>
                    <span className="mono">{row.criterionId}</span> {row.title}
                    {row.critical && <span className="badge badge--critical block-inline">{t('assessmentCompare.critical')}</span>}
                    {row.reworded && <span className="muted small block">{t('assessmentCompare.reworded')}</span>}
                    {row.criterionIdA && <span className="muted small block">{t('guide2.compareWas', { id: row.criterionIdA })}</span>}
                  </>
                ),
              },
              { id: 'a', header: name(a), cell: (row) => <Level side={row.a} /> },
              { id: 'b', header: name(b), cell: (row) => <Level side={row.b} /> },
              {
                id: 'change',
                header: t('assessmentCompare.change'),
                cell: (row) => (
                  <>
                    {row.only ? (
                      <span className="muted">{t(row.only === 'a' ? 'assessmentCompare.onlyFirst' : 'assessmentCompare.onlySecond')}</span>
                    ) : (
                      <Delta value={row.delta} />
                    )}
                    {row.textChanged && <span className="muted small block">{t('assessmentCompare.textChanged')}</span>}
                  </>
                ),
              },
            ]}
          />
        )}
      </section>
    </div>
  );
}

function Level({ side }: { side: ComparedSide }) {
  const { t } = useTranslation();
  if (!side.present) return <span className="muted">{t('assessmentCompare.notInVersion')}</span>;
  if (side.notApplicable) return <span>{t('assessmentCompare.notApplicable')}</span>;
  if (side.level === null) return <span className="muted">{t('assessmentCompare.notRated')}</span>;
  return <span className={`level-chip level-${side.level}`}>{side.level}</span>;
}

function Delta({ value, points = false }: { value: number | null; points?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (value === null) return <span className="muted">—</span>;
  const rounded = points ? Math.round(value * 10) / 10 : value;
  if (rounded === 0) return <span className="muted">{t('assessmentCompare.same')}</span>;
  const text = points ? format.number(Math.abs(rounded)) : String(Math.abs(rounded));
  return (
    <span className={rounded > 0 ? 'delta delta--up' : 'delta delta--down'}>
      {t(rounded > 0 ? (points ? 'assessmentCompare.upPoints' : 'assessmentCompare.upLevels') : points ? 'assessmentCompare.downPoints' : 'assessmentCompare.downLevels', { value: text, count: Math.abs(rounded) })}
    </span>
  );
}
