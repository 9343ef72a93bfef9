/**
 * The guide's guidance for auditors on one criterion — what to verify, what to sample, red flags,
 * and what separates level 2 from level 3 — shown beside the partner's self-rating in an audit.
 * A disclosure (a button with aria-expanded), so it is opened and closed by keyboard like any other.
 */
import { useTranslation } from 'react-i18next';
import { auditorGuidanceOf } from '../../../shared/framework/guide2';
import type { Criterion } from '../../../shared/framework/schema';
import { Fold } from '../../components/Fold';

export function AuditorGuidancePanel({ criterion, defaultExpanded = false }: { criterion: Criterion; defaultExpanded?: boolean }) {
  const { t } = useTranslation();
  const guidance = auditorGuidanceOf(criterion);
  if (!guidance) return null;
  return (
    <Fold title={t('guide2.auditorGuidance')} headingLevel={4} className="auditor-guidance" defaultExpanded={defaultExpanded}>
      <dl className="auditor-guidance__list">
        <dt>{t('guide2.verify')}</dt>
        <dd>{guidance.verify}</dd>
        <dt>{t('guide2.sample')}</dt>
        <dd>{guidance.sample}</dd>
        <dt>{t('guide2.redFlags')}</dt>
        <dd>
          <ul>
            {guidance.redFlags.map((flag) => (
              <li key={flag}>{flag}</li>
            ))}
          </ul>
        </dd>
        <dt>{t('guide2.twoVersusThree')}</dt>
        <dd>{guidance.twoVersusThree}</dd>
      </dl>
    </Fold>
  );
}
