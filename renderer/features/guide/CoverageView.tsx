/**
 * The crosswalk of a guide version: each source element (Annex II principles, Annex I information
 * elements, ESG Part 1 standards, other sources) with the criteria that cover it, and — for a
 * chosen assessment made with this version — the levels those criteria were given there.
 */
import { useState } from 'react';
import { DataTable } from '../../components/DataTable';
import { useTranslation } from 'react-i18next';
import type { AssessmentSummary } from '../../../shared/assessment/summary';
import { coverageOf, type CoverageRow, type SourceElement } from '../../../shared/framework/guide2';
import type { Framework, Language } from '../../../shared/framework/schema';
import type { AssessmentView } from '../../../shared/ipc/contract';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SelectField } from '../../components/SelectField';
import { api } from '../../lib/api';
import { useResource } from '../../lib/use-resource';

const none = '';

function Citation({ element }: { element: SourceElement }) {
  const { t } = useTranslation();
  const { instrument, locator, celex, eli } = element.citation;
  return (
    <span className="citation">
      {[`${t(`instruments.${instrument}`)}, ${locator}`, celex && `CELEX ${celex}`, eli && `ELI ${eli}`].filter(Boolean).join(' · ')}
      {!element.verified && <span className="badge badge--draft block-inline">{t('guide2.coverageNotVerified')}</span>}
    </span>
  );
}

export function CoverageView({ framework, language }: { framework: Framework; language: Language }) {
  const { t } = useTranslation();
  const [assessmentId, setAssessmentId] = useState(none);
  const assessments = useResource(() => api().assessments.list(), []);
  const candidates = (assessments.data ?? []).filter((summary: AssessmentSummary) => summary.framework.id === framework.id && summary.framework.version === framework.version);
  const chosen = candidates.find((summary) => summary.id === assessmentId);
  const view = useResource<AssessmentView | undefined>(
    async () => (chosen ? api().assessments.view({ id: chosen.id, language }) : { ok: true, value: undefined }),
    [chosen?.id, language],
  );
  const assessment = chosen && view.data?.assessment.id === chosen.id ? view.data.assessment : undefined;
  const groups = coverageOf(assessment ? view.data!.framework : framework, assessment ? { answers: assessment.answers, profileId: assessment.profileId } : undefined);

  if (groups.length === 0) return <p className="empty-state">{t('guide2.coverageNone')}</p>;

  const said = (row: CoverageRow) => {
    if (row.criteria.length === 0) return t('guide2.coverageNotCovered');
    const parts = row.criteria.map((c) =>
      c.excluded ? `${c.criterionId}: ${t('guide2.coverageExcluded')}` : c.notApplicable ? `${c.criterionId}: ${t('assessment.notApplicable')}` : `${c.criterionId}: ${c.level ?? t('guide2.coverageNotAnswered')}`,
    );
    return `${parts.join(' · ')}${row.lowestLevel !== null ? ` — ${t('guide2.coverageLowest', { level: row.lowestLevel })}` : ''}`;
  };

  return (
    <div className="stack coverage">
      <p className="muted">{t('guide2.coverageIntro')}</p>
      <ErrorMessage error={assessments.error ?? view.error} />
      <div className="toolbar">
        <SelectField
          label={t('guide2.coverageChooseAssessment')}
          value={chosen?.id ?? none}
          options={[{ value: none, label: t('guide2.coverageNoAssessment') }, ...candidates.map((summary) => ({ value: summary.id, label: summary.title }))]}
          onChange={setAssessmentId}
          name="coverageAssessment"
        />
      </div>
      {groups.map((group) => (
        <section key={group.id} aria-labelledby={`coverage-${group.id}`} className="card stack">
          <h2 id={`coverage-${group.id}`}>
            {t(`guide2.coverageGroup_${group.id}`)} <span className="muted small">({t('guide2.coverageCovered', { covered: group.covered, total: group.total })})</span>
          </h2>
          <DataTable
            labelledBy={`coverage-${group.id}`}
            rows={group.rows}
            rowKey={(row) => row.element.id}
            columns={[
              { id: 'element', header: t('guide2.coverageElement'), isRowHeader: true, cell: (row) => row.element.title },
              { id: 'citation', header: t('guide2.coverageCitation'), cell: (row) => <Citation element={row.element} /> },
              {
                id: 'criteria',
                header: t('guide2.coverageCriteria'),
                cell: (row) =>
                  row.criteria.length === 0
                    ? t('guide2.coverageNotCovered')
                    : row.criteria.map((c) => (
                        <span key={c.criterionId} className={`block${c.excluded ? ' muted' : ''}`}>
                          <span className="mono">{c.criterionId}</span> {c.title}
                          {c.excluded && ` (${t('guide2.coverageExcluded')})`}
                        </span>
                      )),
              },
              ...(assessment ? [{ id: 'assessment', header: t('guide2.coverageAssessment'), cell: said }] : []),
            ]}
          />
        </section>
      ))}
    </div>
  );
}
