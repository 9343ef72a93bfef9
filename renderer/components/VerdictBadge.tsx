/**
 * What a screen says about readiness (shared/scoring/verdict.ts): the band and score of a finished
 * assessment; otherwise the progress and the score "so far", styled apart from a result, and a
 * band only when the missing answers can no longer change it.
 */
import { useTranslation } from 'react-i18next';
import type { Verdict } from '../../shared/scoring/verdict';
import { useFormat } from '../lib/format';
import { BandBadge } from './BandBadge';

export function VerdictBadge({ verdict, showProgress = true, showScore = true }: { verdict: Verdict; showProgress?: boolean; showScore?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (verdict.kind === 'result') {
    return (
      <span className="verdict verdict--result">
        <BandBadge band={verdict.band} />
        {showScore && verdict.overall !== null && <span className="verdict__score"> {format.score(verdict.overall)}</span>}
      </span>
    );
  }
  const progress =
    verdict.total === 0
      ? t('verdict.noAssessment')
      : [
          t('verdict.progress', { answered: verdict.answered, total: verdict.total }),
          ...(verdict.criticalUnanswered > 0 ? [t('verdict.criticalUnanswered', { count: verdict.criticalUnanswered })] : []),
        ].join(' · ');
  return (
    <span className="verdict verdict--progress" data-verdict="progress">
      {verdict.certain !== null ? (
        <>
          <BandBadge band={verdict.certain} />{' '}
          <span className="verdict__certain small">
            {verdict.because.length > 0 ? t('verdict.certain', { criteria: verdict.because.join(', ') }) : t('verdict.certainByScore')}
          </span>
        </>
      ) : (
        <span className="verdict__open">{t('verdict.open')}</span>
      )}
      {showProgress ? (
        <span className="verdict__progress muted small block">{progress}</span>
      ) : (
        verdict.criticalUnanswered > 0 && <span className="verdict__progress muted small block">{t('verdict.criticalUnanswered', { count: verdict.criticalUnanswered })}</span>
      )}
      {showScore && verdict.scoreSoFar !== null && (
        <span className="verdict__so-far muted small block">{t('verdict.soFar', { score: format.score(verdict.scoreSoFar) })}</span>
      )}
    </span>
  );
}
