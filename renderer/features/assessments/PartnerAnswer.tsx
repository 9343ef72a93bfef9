/**
 * In an audit, the partner's own answer to the criterion on screen, above the auditor's level
 * cards: its level on the heading's line and its justification in two lines, with "Show more"
 * when there is more, so the five level cards still fit in a 1280×800 window beneath it.
 */
import { useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../../shared/assessment/answer';
import type { Framework } from '../../../shared/framework/schema';
import { Button } from '../../components/Button';

export interface PartnerAnswerProps {
  partnerName: string;
  /** Whether the partner's self-assessment is known at all. */
  hasSelfAssessment: boolean;
  answer: Answer | undefined;
  scale: Framework['scale'];
}

export function PartnerAnswer({ partnerName, hasSelfAssessment, answer, scale }: PartnerAnswerProps) {
  const { t } = useTranslation();
  const answered = answer && (answer.level !== null || answer.notApplicable);
  return (
    <section className="partner-answer" aria-labelledby="partner-answer-title">
      <div className="partner-answer__head">
        <h3 id="partner-answer-title">{t('assessment.partnerSelfAssessment', { name: partnerName })}</h3>
        {!hasSelfAssessment ? (
          <p className="muted">{t('assessment.noPartnerSelfAssessment')}</p>
        ) : !answered ? (
          <p className="muted">{t('assessment.partnerDidNotAnswer')}</p>
        ) : (
          <p className="partner-answer__level">{answer.notApplicable ? t('assessment.notApplicable') : `${answer.level} · ${scale[answer.level ?? 0]?.label ?? ''}`}</p>
        )}
      </div>
      {answered && answer.justification && <ClampedText key={answer.justification} text={answer.justification} />}
      {answered && answer.notApplicable && answer.naReason && <ClampedText key={answer.naReason} text={answer.naReason} />}
    </section>
  );
}

/**
 * A text shown in two lines at first; when it is longer, a button shows the rest (and hides it
 * again). Nothing is cut for screen readers: the whole text is in the page, only folded visually.
 */
function ClampedText({ text }: { text: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLParagraphElement>(null);
  const id = useId();
  const [expanded, setExpanded] = useState(false);
  const [overflows, setOverflows] = useState(false);

  // Whether two lines hold the text depends on the column's width: measured again when it changes.
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || expanded) return;
    const measure = () => setOverflows(element.scrollHeight > element.clientHeight + 1);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [expanded]);

  return (
    <div className="partner-answer__body">
      <p ref={ref} id={id} className={`partner-answer__text${expanded ? '' : ' is-clamped'}`}>
        {text}
      </p>
      {(overflows || expanded) && (
        <Button variant="quiet" className="partner-answer__more" aria-expanded={expanded} aria-controls={id} onPress={() => setExpanded((value) => !value)}>
          {expanded ? t('assessment.showLessText') : t('assessment.showMoreText')}
        </Button>
      )}
    </div>
  );
}
