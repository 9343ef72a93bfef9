/**
 * Before completing: what is missing, which critical criteria block readiness, which "not
 * applicable" answers lack a reason, which carried-over answers are unconfirmed. Completing locks
 * the assessment, with who and when; a completed one can only be reopened as a new revision.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { reviewAssessment, type ReviewItem } from '../../../shared/assessment/review';
import type { Assessment } from '../../../shared/assessment/schema';
import type { Framework } from '../../../shared/framework/schema';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { notify } from '../../components/Toasts';
import { useApp } from '../../app/app-context';
import { api } from '../../lib/api';
import { useResource } from '../../lib/use-resource';
import { useAction } from '../../lib/use-action';
import { useFormat, useShowName } from '../../lib/format';

function ItemList({ items, onGoTo, extra }: { items: ReviewItem[]; onGoTo(criterionId: string): void; extra?: (item: ReviewItem) => string }) {
  const { t } = useTranslation();
  return (
    <ul className="review-list">
      {items.map((item) => (
        <li key={item.criterionId}>
          <Button variant="quiet" onPress={() => onGoTo(item.criterionId)} aria-label={t('review.goTo', { id: item.criterionId, title: item.title })}>
            <span className="mono">{item.criterionId}</span>
          </Button>
          <span>{item.title}</span>
          {item.critical && <span className="badge badge--critical">{t('guide.critical')}</span>}
          {extra && <span className="muted">{extra(item)}</span>}
        </li>
      ))}
    </ul>
  );
}

export function ReviewPanel({
  assessment,
  framework,
  onGoTo,
  onCompleted,
  saving,
}: {
  assessment: Assessment;
  framework: Framework;
  onGoTo(criterionId: string): void;
  onCompleted(): void;
  saving: boolean;
}) {
  const { t } = useTranslation();
  const showName = useShowName();
  const format = useFormat();
  const { settings } = useApp();
  const navigate = useNavigate();
  const run = useAction();
  const review = reviewAssessment(framework, assessment.answers);
  const [confirming, setConfirming] = useState(false);
  const revisions = useResource(() => api().assessments.revisions({ seriesId: assessment.seriesId }), [assessment.seriesId, assessment.status]);
  const locked = assessment.status === 'complete';

  const complete = async () => {
    setConfirming(false);
    const result = await run(() => api().assessments.complete({ id: assessment.id }), { success: t('review.completed') });
    if (result.ok) onCompleted();
  };
  const reopen = async () => {
    const result = await run(() => api().assessments.reopen({ id: assessment.id }));
    if (!result.ok) return;
    notify(t('review.reopened', { revision: result.value.revision }));
    navigate(`/assessments/${result.value.id}`);
  };

  const sections: Array<[string, ReviewItem[], ((item: ReviewItem) => string) | undefined, string]> = [
    ['missing', review.missing, undefined, 'review.missingNone'],
    ['criticalNa', review.criticalNaWithoutReason, undefined, 'review.criticalNaNone'],
    ['blockers', review.blockers, (item) => t('review.atLevel', { level: (item as ReviewItem & { level: number }).level }), 'review.blockersNone'],
    ['naWithoutReason', review.naWithoutReason, undefined, 'review.naWithoutReasonNone'],
    ['carriedOver', review.carriedOver, undefined, 'review.carriedOverNone'],
  ];

  return (
    <div className="stack">
      {sections.map(([key, items, extra, none]) => (
        <section key={key} className="card" aria-labelledby={`review-${key}`}>
          <h2 id={`review-${key}`}>
            {t(`review.${key}`, { level: framework.thresholds.blockerBelowLevel })} <span className="count">{items.length}</span>
          </h2>
          <p className="muted">{t(`review.${key}Help`)}</p>
          {items.length ? <ItemList items={items} onGoTo={onGoTo} {...(extra ? { extra } : {})} /> : <p>{t(none)}</p>}
        </section>
      ))}

      <section className="card" aria-labelledby="review-complete">
        <h2 id="review-complete">{locked ? t('review.completedTitle') : t('review.completeTitle')}</h2>
        {locked ? (
          <>
            <p>{t('review.lockedText', { by: showName(assessment.completed?.by ?? ''), date: assessment.completed ? format.dateTime(assessment.completed.at) : '' })}</p>
            <Button onPress={() => void reopen()}>{t('review.reopen')}</Button>
          </>
        ) : (
          <>
            <p>{review.canComplete ? t('review.readyToComplete') : t('review.notReadyToComplete')}</p>
            <Button variant="primary" onPress={() => setConfirming(true)} isDisabled={!review.canComplete || saving}>
              {t('review.complete')}
            </Button>
          </>
        )}
        {(revisions.data?.length ?? 0) > 1 && (
          <>
            <h3>{t('review.revisions')}</h3>
            <ul>
              {revisions.data!.map((revision) => (
                <li key={revision.id}>
                  <a href={`#/assessments/${revision.id}`}>{t('assessment.revision', { revision: revision.revision })}</a> · {t(`assessments.status.${revision.status}`)}
                  {revision.completedAt ? ` · ${format.date(revision.completedAt)}` : ''}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <ConfirmDialog isOpen={confirming} title={t('review.confirmTitle')} confirmLabel={t('review.complete')} onCancel={() => setConfirming(false)} onConfirm={() => void complete()}>
        <p>{t('review.confirmBody', { name: settings.userName || t('common.notSet') })}</p>
      </ConfirmDialog>
    </div>
  );
}
