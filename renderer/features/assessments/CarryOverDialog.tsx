/**
 * Before a new cycle is stored: what it takes from the previous one, criterion by criterion
 * (old → new), and why a criterion starts empty. The officer confirms; Cancel stores nothing.
 */
import { useTranslation } from 'react-i18next';
import type { CarryPlan, CarryRow } from '../../../shared/assessment/carry-over';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';

interface CarryOverDialogProps {
  plan: CarryPlan | undefined;
  previousTitle: string;
  targetVersion: string;
  onConfirm(): void;
  onCancel(): void;
}

export function CarryOverDialog({ plan, previousTitle, targetVersion, onConfirm, onCancel }: CarryOverDialogProps) {
  const { t } = useTranslation();
  const previousText = (row: CarryRow) =>
    row.previous === null ? '—' : row.previous.notApplicable ? t('assessment.notApplicable') : String(row.previous.level ?? '—');
  return (
    <ConfirmDialog isOpen={plan !== undefined} title={t('guide2.carryTitle', { title: previousTitle })} confirmLabel={t('guide2.carryConfirm')} onConfirm={onConfirm} onCancel={onCancel}>
      {plan && (
        <div className="stack carry-over">
          <p>{t('guide2.carryIntro')}</p>
          {plan.byMapping && <p>{t('guide2.carryByMapping', { version: targetVersion })}</p>}
          <p className="carry-over__summary">
            <strong>{t('guide2.carrySummary', { carried: plan.carried, total: plan.rows.length })}</strong>
          </p>
          {/* Scrolls inside the dialog; the grid takes the focus and its rows scroll into view. */}
          <div className="carry-over__table">
            <DataTable
              label={t('guide2.carryTitle', { title: previousTitle })}
              rows={plan.rows}
              rowKey={(row) => row.criterionId}
              columns={[
                {
                  id: 'new',
                  header: t('guide2.carryNew'),
                  isRowHeader: true,
                  cell: (row) => (
                    <>
                      <span className="mono">{row.criterionId}</span> {row.title}
                    </>
                  ),
                },
                { id: 'from', header: t('guide2.carryFrom'), className: 'mono carry-over__from', cell: (row) => row.fromCriterionId ?? '—' },
                { id: 'previous', header: t('guide2.carryPrevious'), cell: previousText },
                { id: 'outcome', header: t('guide2.carryOutcome'), cell: (row) => (row.carried ? t('guide2.carryYes') : t(`guide2.carryReason_${row.reason ?? 'new'}`)) },
              ]}
            />
          </div>
          {plan.leftBehind.length > 0 && <p className="muted">{t('guide2.carryLeftBehind', { ids: plan.leftBehind.join(', ') })}</p>}
        </div>
      )}
    </ConfirmDialog>
  );
}
