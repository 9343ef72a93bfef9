/**
 * Two framework versions side by side, lined up by criterion identifier: what was added, retired
 * or changed, and how weights and thresholds moved. Answers made with either version are compared
 * on the same basis.
 */
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Page } from '../../components/Page';
import { api } from '../../lib/api';
import { useResource } from '../../lib/use-resource';
import { DataTable } from '../../components/DataTable';

export function FrameworkComparePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const olderKey = params.get('older') ?? '';
  const newerKey = params.get('newer') ?? '';
  const diff = useResource(() => api().frameworks.diff({ olderKey, newerKey }), [olderKey, newerKey]);
  const older = useResource(() => api().frameworks.get({ key: olderKey }), [olderKey]);
  const newer = useResource(() => api().frameworks.get({ key: newerKey }), [newerKey]);
  const titleOf = (id: string) =>
    newer.data?.framework.dimensions.flatMap((d) => d.criteria).find((c) => c.id === id)?.title ??
    older.data?.framework.dimensions.flatMap((d) => d.criteria).find((c) => c.id === id)?.title ??
    '';
  const d = diff.data;
  return (
    <Page
      title={t('compare.title')}
      intro={
        older.data && newer.data
          ? t('compare.intro', { older: `${older.data.framework.title} ${older.data.framework.version}`, newer: `${newer.data.framework.title} ${newer.data.framework.version}` })
          : undefined
      }
      error={diff.error ?? older.error ?? newer.error}
    >
      {d && (
        <div className="stack">
          <section className="card" aria-labelledby="compare-summary">
            <h2 id="compare-summary">{t('compare.summary')}</h2>
            <dl className="facts">
              <dt>{t('compare.added')}</dt>
              <dd>{d.added.length}</dd>
              <dt>{t('compare.retired')}</dt>
              <dd>{d.retired.length}</dd>
              <dt>{t('compare.changed')}</dt>
              <dd>{d.changed.length}</dd>
              <dt>{t('compare.unchanged')}</dt>
              <dd>{d.unchanged}</dd>
            </dl>
            {d.undeclaredRetirements.length > 0 && <p className="alert alert--warning">{t('compare.undeclared', { ids: d.undeclaredRetirements.join(', ') })}</p>}
          </section>
          {(d.thresholds.length > 0 || d.dimensionWeights.length > 0 || d.validityMonths) && (
            <section className="card" aria-labelledby="compare-settings">
              <h2 id="compare-settings">{t('compare.settings')}</h2>
              <ul>
                {d.thresholds.map((change) => (
                  <li key={change.threshold}>{t('compare.thresholdChange', { name: t(`editor.${change.threshold}`), older: change.older, newer: change.newer })}</li>
                ))}
                {d.dimensionWeights.map((change) => (
                  <li key={change.dimensionId}>{t('compare.weightChange', { id: change.dimensionId, older: change.older, newer: change.newer })}</li>
                ))}
                {d.validityMonths && <li>{t('compare.validityChange', d.validityMonths)}</li>}
              </ul>
            </section>
          )}
          <DataTable
            label={t('compare.criteria')}
            rows={[
              ...d.added.map((id) => ({ key: `a-${id}`, id, what: <span className="badge badge--added">{t('compare.addedOne')}</span> })),
              ...d.retired.map((id) => ({ key: `r-${id}`, id, what: <span className="badge badge--retired">{t('compare.retiredOne')}</span> })),
              ...d.changed.map((change) => ({ key: `c-${change.criterionId}`, id: change.criterionId, what: change.changes.map((what) => t(`compare.fields.${what}`)).join(', ') })),
            ]}
            rowKey={(row) => row.key}
            columns={[
              {
                id: 'criterion',
                header: t('compare.criterion'),
                isRowHeader: true,
                cell: (row) => (
                  <>
                    <span className="mono">{row.id}</span> {titleOf(row.id)}
                  </>
                ),
              },
              { id: 'what', header: t('compare.what'), cell: (row) => row.what },
            ]}
          />
        </div>
      )}
    </Page>
  );
}
