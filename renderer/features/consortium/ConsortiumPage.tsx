/**
 * The consortium at a glance: who has audited whom (the trust matrix), how ready each direction
 * is, what expires when, and which dimension of the guide is weakest across the members. Built
 * from everything this installation holds — its own audits and those received from partners.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsortiumMember, ConsortiumModel, TrustCell } from '../../../shared/consortium/model';
import { decisionOutcomes } from '../../../shared/partnership/schema';
import { Button } from '../../components/Button';
import { LinkButton } from '../../components/LinkButton';
import { ExportDialog } from '../../components/ExportDialog';
import { Page } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { api } from '../../lib/api';
import { today } from '../../lib/dates';
import { useFormat, useUiLanguage } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { RosterPanel } from './RosterPanel';

type DecisionFilter = 'all' | 'none' | (typeof decisionOutcomes)[number];
type ValidityFilter = 'all' | 'attention';

export function ConsortiumPage() {
  const { t } = useTranslation();
  const language = useUiLanguage();
  const day = today();
  const model = useResource(() => api().consortium.model({ language, today: day }), [language, day]);
  const [dimension, setDimension] = useState('overall');
  const [decision, setDecision] = useState<DecisionFilter>('all');
  const [validity, setValidity] = useState<ValidityFilter>('all');
  const [exporting, setExporting] = useState(false);

  return (
    <Page
      title={t('consortium.title')}
      intro={t('consortium.intro')}
      actions={
        <Button onPress={() => setExporting(true)} isDisabled={!model.data}>
          {t('exports.export')}
        </Button>
      }
      error={model.error}
    >
      {/* One rhythm between the cards, the key figures and the filters. */}
      <div className="stack">
        <RosterPanel />
        {model.data && model.data.institutions.length < 2 && (
          <div className="empty-state">
            <p>{t('consortium.empty')}</p>
            <div className="button-row button-row--center">
              <LinkButton href="/exchange/import" variant="primary">
                {t('import.title')}
              </LinkButton>
              <LinkButton href="/inbox">{t('consortium.openInbox')}</LinkButton>
            </div>
          </div>
        )}
        {model.data && model.data.institutions.length >= 2 && (
          <>
            <Totals model={model.data} />
            <div className="toolbar">
              <SelectField
                label={t('consortium.show')}
                value={dimension}
                options={[{ value: 'overall', label: t('consortium.overall') }, ...model.data.dimensions.map((row) => ({ value: row.id, label: `${row.id} — ${row.title}` }))]}
                onChange={setDimension}
                name="dimension"
              />
              <SelectField<DecisionFilter>
                label={t('consortium.decision')}
                value={decision}
                options={[
                  { value: 'all', label: t('consortium.decisions.all') },
                  ...decisionOutcomes.map((outcome) => ({ value: outcome, label: t(`band.${outcome}`) })),
                  { value: 'none', label: t('consortium.decisions.none') },
                ]}
                onChange={setDecision}
                name="decision"
              />
              <SelectField<ValidityFilter>
                label={t('consortium.validity')}
                value={validity}
                options={[
                  { value: 'all', label: t('consortium.validities.all') },
                  { value: 'attention', label: t('consortium.validities.attention') },
                ]}
                onChange={setValidity}
                name="validity"
              />
            </div>
            <Matrix model={model.data} dimension={dimension} decision={decision} validity={validity} />
            <Dimensions model={model.data} />
            <NotCounted model={model.data} />
            <Legend members={model.data.institutions} />
          </>
        )}
      </div>
      {exporting && (
        <ExportDialog
          title={t('consortium.exportTitle')}
          intro={t('consortium.exportIntro')}
          onClose={() => setExporting(false)}
          choices={[
            { id: 'workbook', label: t('consortium.exportWorkbook'), run: (lang) => api().consortium.exportWorkbook({ language: lang, today: day }) },
            { id: 'summary', label: t('consortium.exportSummary'), run: (lang) => api().consortium.exportSummary({ language: lang, today: day }) },
          ]}
        />
      )}
    </Page>
  );
}

function Totals({ model }: { model: ConsortiumModel }) {
  const { t } = useTranslation();
  const { totals } = model;
  const figures: Array<[string, number, string?]> = [
    ['institutions', totals.institutions],
    ['audits', totals.audits],
    ['valid', totals.valid],
    ['expiring', totals.expiring, totals.expiring ? 'warning' : undefined],
    ['expired', totals.expired, totals.expired ? 'critical' : undefined],
    ['inProgress', totals.inProgress],
    ['missing', totals.directionsMissing],
  ];
  return (
    <dl className="figures" aria-label={t('consortium.totals')}>
      {figures.map(([key, value, tone]) => (
        <div key={key} className={`figure${tone ? ` figure--${tone}` : ''}`}>
          <dt>{t(`consortium.figures.${key}`)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Matrix({ model, dimension, decision, validity }: { model: ConsortiumModel; dimension: string; decision: DecisionFilter; validity: ValidityFilter }) {
  const { t } = useTranslation();
  const format = useFormat();
  const cells = useMemo(() => new Map(model.cells.map((cell) => [`${cell.assessor}>${cell.subject}`, cell])), [model.cells]);
  const selves = useMemo(() => new Map(model.selfAssessments.map((cell) => [cell.subject, cell])), [model.selfAssessments]);
  const name = new Map(model.institutions.map((member) => [member.key, member.legalName]));
  const shown = (cell: TrustCell) =>
    (decision === 'all' || (decision === 'none' ? !cell.decision : cell.decision?.outcome === decision)) && (validity === 'all' || cell.validity !== 'valid' || cell.status !== 'complete');
  const describe = (cell: Omit<TrustCell, 'decision'> & { decision?: TrustCell['decision'] }, self: boolean) =>
    [
      self ? t('consortium.selfOf', { subject: name.get(cell.subject) }) : t('consortium.auditOf', { subject: name.get(cell.subject), assessor: name.get(cell.assessor) }),
      valueText(cell),
      cell.status === 'complete' ? t(`band.${cell.band}`) : t('consortium.inProgress'),
      t(`consortium.cellValidity.${cell.status === 'complete' ? cell.validity : 'in-progress'}`, { date: format.day(cell.validUntil) }),
      cell.decision ? t('consortium.decided', { outcome: t(`band.${cell.decision.outcome}`) }) : '',
    ]
      .filter(Boolean)
      .join(', ');
  const valueText = (cell: Pick<TrustCell, 'overall' | 'dimensions'>) => format.score(dimension === 'overall' ? cell.overall : (cell.dimensions[dimension] ?? null));

  return (
    <section className="card matrix-card" aria-labelledby="matrix-title">
      <h2 id="matrix-title">{t('consortium.matrix')}</h2>
      <p className="muted">{t('consortium.matrixHelp')}</p>
      {/* A grid with a row header (who audited) and a column header (who was audited) per cell; it
          scrolls sideways in its own box, following the focus as the arrow keys move it. */}
      <DataTable
        label={t('consortium.matrixCaption')}
        className="matrix"
        rows={model.institutions}
        rowKey={(member) => member.key}
        columns={[
          {
            id: 'assessor',
            header: t('consortium.assessorColumn'),
            headerContent: (
              <>
                <span aria-hidden="true">{t('consortium.byOf')}</span>
                <span className="visually-hidden">{t('consortium.assessorColumn')}</span>
              </>
            ),
            isRowHeader: true,
            className: 'matrix__row-head',
            cell: (assessor) => (
              <>
                <abbr title={assessor.legalName}>{assessor.abbreviation}</abbr>
                {' '}
                <span className="visually-hidden">{assessor.legalName}</span>
              </>
            ),
          },
          ...model.institutions.map(
            (subject): DataColumn<ConsortiumMember> => ({
              id: `subject-${subject.key}`,
              header: subject.legalName,
              headerContent: (
                <>
                  <abbr title={subject.legalName}>{subject.abbreviation}</abbr>
                  {' '}
                  <span className="visually-hidden">{subject.legalName}</span>
                </>
              ),
              className: 'matrix__cell',
              cellClassName: (assessor) => {
                if (subject.key === assessor.key) return 'matrix__cell--self';
                const cell = cells.get(`${assessor.key}>${subject.key}`);
                if (!cell || !shown(cell)) return 'matrix__cell--empty';
                return `matrix__cell--${cell.status !== 'complete' ? 'progress' : cell.validity} matrix__cell--band-${cell.band}`;
              },
              cell: (assessor) => {
                if (subject.key === assessor.key) {
                  const self = selves.get(subject.key);
                  return self ? (
                    <a href={`#/assessments/${self.assessmentId}`} aria-label={describe(self, true)} title={describe(self, true)}>
                      <span className="matrix__value">{valueText(self)}</span>
                      <span className="matrix__date">{t('consortium.self')}</span>
                    </a>
                  ) : (
                    <span className="matrix__none">
                      <span aria-hidden="true">·</span>
                      <span className="visually-hidden">{t('consortium.noSelf', { subject: subject.legalName })}</span>
                    </span>
                  );
                }
                const cell = cells.get(`${assessor.key}>${subject.key}`);
                if (!cell || !shown(cell)) {
                  // The dash is for the eye; a screen reader reads why the cell is empty.
                  return (
                    <>
                      <span aria-hidden="true">—</span>
                      <span className="visually-hidden">{cell ? t('consortium.filteredOut') : t('consortium.noAudit', { subject: subject.legalName, assessor: assessor.legalName })}</span>
                    </>
                  );
                }
                const state = cell.status !== 'complete' ? 'progress' : cell.validity;
                return (
                  <a href={`#/assessments/${cell.assessmentId}`} aria-label={describe(cell, false)} title={describe(cell, false)}>
                    <span className="matrix__value">{valueText(cell)}</span>
                    <span className="matrix__date">{format.day(cell.date)}</span>
                    {state !== 'valid' && <span className="matrix__flag">{t(`consortium.flags.${state}`)}</span>}
                  </a>
                );
              },
            }),
          ),
        ]}
      />
      <p className="matrix-legend small">
        <span className="matrix-key matrix__cell--band-ready">{t('band.ready')}</span>
        <span className="matrix-key matrix__cell--band-conditional">{t('band.conditional')}</span>
        <span className="matrix-key matrix__cell--band-not-ready">{t('band.not-ready')}</span>
        <span className="matrix-key matrix__cell--expired">{t('consortium.flags.expired')}</span>
      </p>
    </section>
  );
}

function Dimensions({ model }: { model: ConsortiumModel }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="card" aria-labelledby="dimensions-title">
      <h2 id="dimensions-title">{t('consortium.dimensions')}</h2>
      <p className="muted">{t('consortium.dimensionsHelp')}</p>
      <DataTable
        labelledBy="dimensions-title"
        className="data-table--compact"
        rows={model.dimensions}
        rowKey={(row) => row.id}
        rowClassName={(row) => (row.rank === 1 && row.count > 0 ? 'row--weakest' : undefined)}
        columns={[
          { id: 'rank', header: t('consortium.rank'), cell: (row) => row.rank },
          {
            id: 'dimension',
            header: t('assessmentCompare.dimension'),
            isRowHeader: true,
            className: 'dimension-title',
            cell: (row) => (
              <>
                <span className="mono">{row.id}</span> {row.title}
                {row.rank === 1 && row.count > 0 && <span className="badge badge--critical block-inline">{t('consortium.weakest')}</span>}
              </>
            ),
          },
          { id: 'mean', header: t('consortium.mean'), cell: (row) => format.score(row.mean) },
          { id: 'min', header: t('consortium.min'), cell: (row) => format.score(row.min) },
          { id: 'count', header: t('consortium.count'), cell: (row) => row.count },
          ...model.institutions.map(
            (member): DataColumn<ConsortiumModel['dimensions'][number]> => ({
              id: `member-${member.key}`,
              header: member.legalName,
              headerContent: <abbr title={member.legalName}>{member.abbreviation}</abbr>,
              cell: (row) => format.score(row.scores[member.key] ?? null),
            }),
          ),
        ]}
      />
    </section>
  );
}

/** What the matrix leaves out, and why: it must never silently disagree with a partnership page. */
function NotCounted({ model }: { model: ConsortiumModel }) {
  const { t } = useTranslation();
  if (model.skipped.length === 0) return null;
  const names = new Map(model.institutions.map((member) => [member.key, member.legalName]));
  return (
    <section className="card" aria-labelledby="not-counted-title">
      <h2 id="not-counted-title">{t('consortium.notCountedTitle')}</h2>
      <p className="muted">{t('consortium.notCountedIntro')}</p>
      <ul>
        {model.skipped.map((item) => (
          <li key={`${item.assessmentId}-${item.reason}`}>
            {t(`consortium.notCounted.${item.reason}`, { title: item.title, assessor: names.get(item.assessor) ?? item.assessor })}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Legend({ members }: { members: readonly ConsortiumMember[] }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="legend-title">
      <h2 id="legend-title">{t('consortium.legend')}</h2>
      <dl className="legend-list">
        {members.map((member) => (
          <div key={member.key}>
            <dt className="mono">{member.abbreviation}</dt>
            <dd>
              {member.legalName} <span className="muted">({member.country})</span>
              {member.own && <span className="badge block-inline">{t('consortium.own')}</span>}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

