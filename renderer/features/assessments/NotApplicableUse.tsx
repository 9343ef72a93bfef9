/**
 * Guide 2.0 results: the cooperation profile the assessment is made for and every criterion
 * marked not applicable, with its reason — N/A is for the rare case, so its use is shown openly.
 * Nothing for 1.0 assessments, whose results stay as they were.
 */
import { useTranslation } from 'react-i18next';
import type { Assessment } from '../../../shared/assessment/schema';
import type { Framework } from '../../../shared/framework/schema';
import { guide2Part } from '../../../shared/report/guide2-part';

export function NotApplicableUse({ assessment, framework }: { assessment: Assessment; framework: Framework }) {
  const { t } = useTranslation();
  const part = guide2Part(framework, { profileId: assessment.profileId, assessment });
  if (!part) return null;
  return (
    <section className="card" aria-labelledby="results-not-applicable">
      <h2 id="results-not-applicable">{t('guide2.naUsedTitle')}</h2>
      <p className="muted">{part.profile ? t('guide2.profileShown', { title: part.profile.title }) : t('guide2.profileNone')}</p>
      {part.notApplicable.length === 0 ? (
        <p>{t('guide2.naUsedNone')}</p>
      ) : (
        <ul>
          {part.notApplicable.map((item) => (
            <li key={item.criterionId}>
              <span className="mono">{item.criterionId}</span> {item.title}: {item.reason || t('guide2.naNoReason')}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
