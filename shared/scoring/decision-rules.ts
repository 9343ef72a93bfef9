import type { Framework, Thresholds } from '../framework/schema';

/**
 * The two sentences that say what a low critical criterion does, worded from the framework's own
 * thresholds (never a fixed level): below `blockerBelowLevel` it blocks Ready; below
 * `conditionalMinCriticalLevel` it blocks Ready with conditions too. Translation keys with their
 * parameters, so screens, reports and the command line say the same in every language.
 *
 * When both levels are equal the second sentence would repeat the first with another band, so it
 * is said only when the minimum critical level is above 0 (at 0 nothing is below it).
 */
export interface DecisionRuleSentence {
  key: 'decisionRules.blocksReady' | 'decisionRules.blocksConditional';
  params: { level: number; label: string };
}

export function decisionRuleSentences(framework: { thresholds: Thresholds; scale: Framework['scale'] }): DecisionRuleSentence[] {
  const { blockerBelowLevel, conditionalMinCriticalLevel } = framework.thresholds;
  const label = (level: number) => framework.scale[level]?.label ?? String(level);
  const sentences: DecisionRuleSentence[] = [];
  if (blockerBelowLevel > 0) {
    sentences.push({ key: 'decisionRules.blocksReady', params: { level: blockerBelowLevel, label: label(blockerBelowLevel) } });
  }
  if (conditionalMinCriticalLevel > 0) {
    sentences.push({ key: 'decisionRules.blocksConditional', params: { level: conditionalMinCriticalLevel, label: label(conditionalMinCriticalLevel) } });
  }
  return sentences;
}
