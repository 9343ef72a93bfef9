import type { Answer } from '../../../shared/assessment/answer';
import type { Level } from '../../../shared/framework/schema';

/** Where one answer stands, as the outline shows it. */
export type AnswerState = 'missing' | 'rated' | 'not-applicable' | 'reason-missing' | 'carried-over';

export function answerState(answer: Answer, critical: boolean): AnswerState {
  if (answer.notApplicable) return critical && !answer.naReason.trim() ? 'reason-missing' : answer.carriedOver ? 'carried-over' : 'not-applicable';
  if (answer.level === null) return 'missing';
  return answer.carriedOver ? 'carried-over' : 'rated';
}

/** A small mark: the level in its colour, "–" for not applicable, an empty ring when missing. */
export function AnswerStateIcon({ state, level }: { state: AnswerState; level: Level | null }) {
  const text = state === 'rated' || (state === 'carried-over' && level !== null) ? String(level) : state === 'missing' ? '' : '–';
  return (
    <span className={`answer-mark answer-mark--${state}${level !== null ? ` level-${level}` : ''}`} aria-hidden="true">
      {text}
    </span>
  );
}
