/**
 * Everything the guide says about one criterion: what good looks like, the five level descriptors,
 * examples of evidence and the sources it rests on. Shown in the guide and beside each answer.
 */
import { useTranslation } from 'react-i18next';
import type { Criterion, Framework } from '../../../shared/framework/schema';

export function CriterionBadges({ criterion }: { criterion: Pick<Criterion, 'critical' | 'weight'> }) {
  const { t } = useTranslation();
  return (
    <span className="badges">
      {criterion.critical && <span className="badge badge--critical">{t('guide.critical')}</span>}
      <span className="badge">{t('guide.weight', { weight: criterion.weight })}</span>
    </span>
  );
}

function SourceList({ criterion }: { criterion: Criterion }) {
  const { t } = useTranslation();
  return (
    <ul className="sources">
      {criterion.sources.map((source, index) => (
        <li key={index}>
          <span className="sources__instrument">{t(`instruments.${source.instrument}`)}</span>
          <span className="sources__locator">{source.locator}</span>
        </li>
      ))}
    </ul>
  );
}

export function CriterionDetails({
  criterion,
  framework,
  showLevels = true,
  headingLevel = 3,
}: {
  criterion: Criterion;
  framework: Framework;
  showLevels?: boolean;
  headingLevel?: 2 | 3 | 4;
}) {
  const { t } = useTranslation();
  const Heading = `h${headingLevel}` as 'h2' | 'h3' | 'h4';
  return (
    <div className="criterion-details">
      <Heading className="criterion-details__heading">{t('guide.whatGoodLooksLike')}</Heading>
      <p className="criterion-details__guidance">{criterion.guidance}</p>
      {showLevels && (
        <>
          <Heading className="criterion-details__heading">{t('guide.levels')}</Heading>
          <ol className="level-list" start={0}>
            {criterion.levels.map((descriptor, level) => (
              <li key={level} className={`level-list__item level-${level}`}>
                <span className="level-list__label">
                  {level} · {framework.scale[level]?.label}
                </span>
                <span>{descriptor}</span>
              </li>
            ))}
          </ol>
        </>
      )}
      <Heading className="criterion-details__heading">{t('guide.evidenceExamples')}</Heading>
      <ul className="criterion-details__evidence">
        {criterion.evidenceExamples.map((example, index) => (
          <li key={index}>{example}</li>
        ))}
      </ul>
      <Heading className="criterion-details__heading">{t('guide.sources')}</Heading>
      <SourceList criterion={criterion} />
    </div>
  );
}
