import type { ReactNode } from 'react';
import { Meter } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Assessment } from '../../../shared/assessment/schema';
import type { Framework } from '../../../shared/framework/schema';

/**
 * Whose assessment this is, of what, with which framework, and how far it is; `children` (the
 * cooperation profile) follow the progress on its line, so the header stays short.
 */
export function AssessmentStatusLine({ assessment, framework, answered, total, children }: { assessment: Assessment; framework: Framework; answered: number; total: number; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <span className="status-line">
      <span>
        {t(`assessment.kind.${assessment.kind}`)} · {assessment.subject.legalName} · {framework.title} {framework.version}
        {assessment.revision > 1 ? ` · ${t('assessment.revision', { revision: assessment.revision })}` : ''}
      </span>
      <Meter className="meter" value={answered} maxValue={total} aria-label={t('assessment.progress')} valueLabel={t('assessment.progressValue', { done: answered, total })}>
        {({ percentage, valueText }) => (
          <>
            <span className="meter__bar" aria-hidden="true">
              <span className="meter__fill" style={{ width: `${percentage}%` }} />
            </span>
            <span className="meter__text">{valueText}</span>
          </>
        )}
      </Meter>
      {children}
    </span>
  );
}
