/**
 * Before a new cycle is stored: what it takes from the previous one, criterion by criterion
 * (old → new), and why a criterion starts empty. The officer confirms; Cancel stores nothing.
 */
import { useTranslation } from 'react-i18next';
import type { CarryPlan, CarryRow } from '../../../shared/assessment/carry-over';
import { ConfirmDialog } from '../../components/ConfirmDialog';

export interface CarryOverDialogProps {
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
          {/* Scrolls inside the dialog; focusable so keyboard users can scroll it too. */}
          {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
          <div className="carry-over__table" tabIndex={0} role="region" aria-label={t('guide2.carryTitle', { title: previousTitle })}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('guide2.carryNew')}</th>
                  <th scope="col">{t('guide2.carryFrom')}</th>
                  <th scope="col">{t('guide2.carryPrevious')}</th>
                  <th scope="col">{t('guide2.carryOutcome')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.rows.map((row) => (
                  <tr key={row.criterionId} data-carried={row.carried}>
                    <th scope="row">
                      <span className="mono">{row.criterionId}</span> {row.title}
                    </th>
                    <td className="mono">{row.fromCriterionId ?? '—'}</td>
                    <td>{previousText(row)}</td>
                    <td>{row.carried ? t('guide2.carryYes') : t(`guide2.carryReason_${row.reason ?? 'new'}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {plan.leftBehind.length > 0 && <p className="muted">{t('guide2.carryLeftBehind', { ids: plan.leftBehind.join(', ') })}</p>}
        </div>
      )}
    </ConfirmDialog>
  );
}
