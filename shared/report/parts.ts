/**
 * The pieces both report models are made of. Every figure here comes from shared/scoring; this
 * file only names, orders and rounds.
 */
import type { Answer, AnswerMap } from '../assessment/answer';
import type { Assessment, InstitutionRef } from '../assessment/schema';
import { criteriaOf, type Criterion, type Framework, type Level } from '../framework/schema';
import { rankCriteria, roundScore, type AssessmentScore, type PeerComparison, type SideRating } from '../scoring';
import { assessmentVerdict, verdictOf } from '../scoring/verdict';
import type {
  AssessmentLine,
  ComparisonSummary,
  CriterionLine,
  CriterionRow,
  EvidenceLine,
  Figure,
  FrameworkLine,
  GapLine,
  InstitutionLine,
  ScoreSummary,
} from './model';

/** How many criteria the strongest and weakest lists hold. */
export const defaultRankingSize = 5;

export function figure(raw: number | null): Figure {
  return { raw, display: roundScore(raw) };
}

export function frameworkLine(framework: Framework, fingerprint: string): FrameworkLine {
  return {
    id: framework.id,
    version: framework.version,
    fingerprint,
    title: framework.title,
    publisher: framework.publisher,
    language: framework.language,
    thresholds: framework.thresholds,
    levelLabels: framework.scale.map((level) => level.label) as FrameworkLine['levelLabels'],
    criteria: criteriaOf(framework).length,
    dimensions: framework.dimensions.length,
  };
}

export function institutionLine(
  ref: InstitutionRef | { id: string; legalName: string; country: string; city?: string; erasmusCode?: string },
): InstitutionLine {
  if ('institutionId' in ref) return { id: ref.institutionId, legalName: ref.legalName, country: ref.country };
  return {
    id: ref.id,
    legalName: ref.legalName,
    country: ref.country,
    ...(ref.city ? { city: ref.city } : {}),
    ...(ref.erasmusCode ? { erasmusCode: ref.erasmusCode } : {}),
  };
}

/** Framework texts by identifier: the report's framework in the report's language. */
export class FrameworkIndex {
  readonly criteria = new Map<string, Criterion & { dimensionId: string }>();
  readonly dimensionTitles = new Map<string, string>();

  constructor(readonly framework: Framework) {
    for (const criterion of criteriaOf(framework)) this.criteria.set(criterion.id, criterion);
    for (const dimension of framework.dimensions) this.dimensionTitles.set(dimension.id, dimension.title);
  }

  title(criterionId: string): string {
    return this.criteria.get(criterionId)?.title ?? criterionId;
  }

  levelLabel(level: Level | null): string | null {
    return level === null ? null : (this.framework.scale[level]?.label ?? String(level));
  }

  ratingLabel(rating: SideRating): string | null {
    return typeof rating === 'number' ? this.levelLabel(rating) : null;
  }
}

export function criterionLine(index: FrameworkIndex, entry: { criterionId: string; dimensionId: string; level: Level | null }): CriterionLine {
  const criterion = index.criteria.get(entry.criterionId);
  return {
    criterionId: entry.criterionId,
    dimensionId: entry.dimensionId,
    title: index.title(entry.criterionId),
    weight: criterion?.weight ?? 0,
    critical: criterion?.critical ?? false,
    level: entry.level,
    levelLabel: index.levelLabel(entry.level),
  };
}

/**
 * The strongest and weakest criteria, never the same criterion in both: with fewer rated criteria
 * than the two lists hold, the better half is "strongest" and the rest "weakest", so a partly
 * answered assessment does not list its five answers as both its strengths and its weaknesses.
 */
function disjointRanking(score: AssessmentScore, size: number): { strongest: AssessmentScore['criteria']; weakest: AssessmentScore['criteria'] } {
  const rated = score.criteria.filter((criterion) => criterion.level !== null).length;
  const strongCount = Math.min(size, Math.ceil(rated / 2));
  const weakCount = Math.min(size, rated - strongCount);
  const { strongest } = rankCriteria(score, strongCount);
  const taken = new Set(strongest.map((criterion) => criterion.criterionId));
  const weakest = rankCriteria(score, rated).weakest.filter((criterion) => !taken.has(criterion.criterionId)).slice(0, weakCount);
  return { strongest, weakest };
}

/** `answers` lets the verdict state a band the missing answers can no longer change (verdict.ts). */
export function scoreSummary(index: FrameworkIndex, score: AssessmentScore, rankingSize = defaultRankingSize, answers?: AnswerMap): ScoreSummary {
  const ranking = disjointRanking(score, rankingSize);
  const byId = new Map(score.criteria.map((criterion) => [criterion.criterionId, criterion]));
  return {
    overall: figure(score.overall),
    band: score.band,
    provisional: !score.complete,
    verdict: answers ? assessmentVerdict(index.framework, answers, score) : verdictOf({ band: score.band, overall: score.overall, answered: score.completeness.answered, total: score.completeness.total, criticalUnanswered: score.criticalMissing.length }),
    completeness: {
      answered: score.completeness.answered,
      total: score.completeness.total,
      percent: figure(score.completeness.ratio * 100),
    },
    dimensions: score.dimensions.map((dimension) => ({
      id: dimension.id,
      title: index.dimensionTitles.get(dimension.id) ?? dimension.id,
      weight: dimension.weight,
      score: figure(dimension.score),
      rated: dimension.rated,
      notApplicable: dimension.notApplicable,
      missing: dimension.missing,
      total: dimension.total,
    })),
    blockers: score.blockers.map((blocker) => criterionLine(index, blocker)),
    criticalMissing: score.criticalMissing.map((criterionId) =>
      criterionLine(index, { criterionId, dimensionId: byId.get(criterionId)?.dimensionId ?? '', level: null }),
    ),
    strongest: ranking.strongest.map((criterion) => criterionLine(index, criterion)),
    weakest: ranking.weakest.map((criterion) => criterionLine(index, criterion)),
  };
}

function evidenceLine(evidence: Answer['evidence'][number]): EvidenceLine {
  return evidence.kind === 'link'
    ? { kind: 'link', label: evidence.label, url: evidence.url, addedAt: evidence.addedAt }
    : {
        kind: 'file',
        label: evidence.label,
        fileName: evidence.fileName,
        mediaType: evidence.mediaType,
        size: evidence.size,
        sha256: evidence.sha256,
        addedAt: evidence.addedAt,
      };
}

/** Every criterion of the framework with the assessment's answer, scored as `score` scored it. */
export function criterionRows(index: FrameworkIndex, assessment: Pick<Assessment, 'answers'>, score: AssessmentScore): CriterionRow[] {
  const blockers = new Set(score.blockers.map((blocker) => blocker.criterionId));
  return score.criteria.map((result) => {
    const criterion = index.criteria.get(result.criterionId);
    const answer = Object.hasOwn(assessment.answers, result.criterionId) ? assessment.answers[result.criterionId] : undefined;
    return {
      dimensionId: result.dimensionId,
      dimensionTitle: index.dimensionTitles.get(result.dimensionId) ?? result.dimensionId,
      criterionId: result.criterionId,
      title: index.title(result.criterionId),
      weight: result.weight,
      critical: result.critical,
      status: result.status,
      level: result.level,
      levelLabel: index.levelLabel(result.level),
      levelDescriptor: result.level === null ? null : (criterion?.levels[result.level] ?? null),
      naReason: answer?.notApplicable ? answer.naReason : '',
      naReasonMissing: result.naReasonMissing,
      justification: answer?.justification ?? '',
      requestedEvidence: answer?.requestedEvidence ?? '',
      evidence: (answer?.evidence ?? []).map(evidenceLine),
      blocker: blockers.has(result.criterionId),
      carriedOver: answer?.carriedOver ?? false,
    };
  });
}

const flagWeight = (line: GapLine) => (line.flags.includes('critical-overrated') ? 2 : 0) + (line.flags.includes('large-gap') ? 1 : 0);

/**
 * Worst discrepancy first: an overrated critical criterion, then a large gap; then the larger gap,
 * the heavier criterion, and framework order — so the list never depends on sort stability.
 */
export function compareGapLines(a: GapLine & { order: number }, b: GapLine & { order: number }): number {
  return (
    flagWeight(b) - flagWeight(a) ||
    Math.abs(b.gap ?? 0) - Math.abs(a.gap ?? 0) ||
    b.weight - a.weight ||
    a.order - b.order
  );
}

export function comparisonSummary(index: FrameworkIndex, comparison: PeerComparison): ComparisonSummary {
  const rows: GapLine[] = comparison.rows.map((row) => ({
    criterionId: row.criterionId,
    dimensionId: row.dimensionId,
    title: index.title(row.criterionId),
    critical: row.critical,
    weight: row.weight,
    self: row.self,
    selfLabel: index.ratingLabel(row.self),
    peer: row.peer,
    peerLabel: index.ratingLabel(row.peer),
    gap: row.gap,
    flags: [...row.flags],
  }));
  const flaggedRows = rows
    .map((row, order) => ({ ...row, order }))
    .filter((row) => row.flags.length > 0)
    .sort(compareGapLines)
    .map(({ order: _order, ...row }) => row);
  return { rows, flaggedRows, calibration: figure(comparison.calibration), calibrationBasis: comparison.calibrationBasis };
}

export function assessmentLine(assessment: Assessment, report: Pick<Framework, 'id' | 'version'>): AssessmentLine {
  return {
    id: assessment.id,
    title: assessment.title,
    kind: assessment.kind,
    status: assessment.status,
    revision: assessment.revision,
    subject: assessment.subject.legalName,
    assessor: assessment.assessor.legalName,
    completedAt: assessment.completed?.at ?? null,
    completedBy: assessment.completed ? [assessment.completed.by, assessment.completed.role].filter(Boolean).join(', ') : null,
    origin: assessment.origin.type,
    frameworkVersion: assessment.framework.version,
    otherFrameworkVersion: assessment.framework.id !== report.id || assessment.framework.version !== report.version,
  };
}
