/**
 * `buildConsortium`: the trust matrix, the per-dimension view and the totals from institutions and
 * assessments. Pure and deterministic: the same input gives the same model, whatever order the
 * assessments come in.
 *
 * The rules, in the order they apply:
 * 1. Revisions. Assessments are grouped into series by assessor and `seriesId`; only the highest
 *    `revision` of a series counts (between copies of one revision, the later `updatedAt`).
 * 2. Directions. A cell is one direction assessor → subject (an `audit` whose assessor is not its
 *    subject). Of several audits in one direction, the newest COMPLETED one is shown, by its date;
 *    an audit still in progress is shown only when no completed one exists, and is marked so.
 *    When a completed audit is shown and a newer one is in progress, the cell says that its
 *    renewal has started (`renewalInProgress`). The diagonal (self-assessments) follows the same
 *    rule.
 * 3. Dates. An assessment counts from its completion day (else its last change), in UTC. It is
 *    valid for the framework's `validityMonths` calendar months; `validUntil` is the last day it is
 *    valid. It is `expired` from the day after, `expiring` when `validUntil` is at most
 *    `expiringWithinDays` (default 90) days away, else `valid`.
 * 4. Scores come from shared/scoring (overall, band, blockers, dimensions); nothing is recomputed.
 * 5. Dimensions are matched by their code across framework versions. A subject's score on a
 *    dimension is the one of its newest completed audit (by anyone) that has not expired; the
 *    dimension's mean, minimum and count are over the members that have one. Rank 1 is the lowest
 *    mean; ties, and dimensions without any score (ranked last), go by code. The title is the one
 *    in the newest framework (highest version, then id) of the counted assessments that has the
 *    dimension — among those in `input.language` first, when one is given.
 * 6. Assessments whose framework is unknown or whose assessor or subject is not a member are not
 *    counted; they are listed in `skipped`, and so are older revisions (`superseded`).
 */
import type { Assessment } from '../assessment/schema';
import type { Framework, Language } from '../framework/schema';
import { scoreAssessment } from '../scoring/assessment-score';
import { validityOn } from '../assessment/validity';
import { abbreviate } from './abbreviations';
import { addCalendarMonths, dayOf } from '../dates';
import type { ConsortiumInput, ConsortiumMember, ConsortiumModel, DimensionRow, SkippedAssessment, TrustCell, Validity } from './model';

const defaultExpiringWithinDays = 90;

type SelfCell = Omit<TrustCell, 'decision'>;

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

export function buildConsortium(input: ConsortiumInput): ConsortiumModel {
  const today = dayOf(input.today);
  if (!today) throw new RangeError(`today must be a YYYY-MM-DD day, got ${input.today}`);
  const expiringWithinDays = input.expiringWithinDays ?? defaultExpiringWithinDays;

  const sorted = [...input.institutions].sort((a, b) => collator.compare(a.legalName, b.legalName) || compareText(a.key, b.key));
  const abbreviations = abbreviate(sorted);
  const institutions: ConsortiumMember[] = sorted.map((institution) => ({ ...institution, abbreviation: abbreviations.get(institution.key)! }));
  const order = new Map(institutions.map((institution, index) => [institution.key, index]));

  // 1. The newest revision of each series; the others never count.
  const skipped: SkippedAssessment[] = [];
  const newest = new Map<string, { assessment: Assessment; framework: Framework }>();
  const candidates: Assessment[] = [];
  for (const assessment of input.assessments) {
    const assessor = assessment.assessor.institutionId;
    const subject = assessment.subject.institutionId;
    const skip = (reason: SkippedAssessment['reason']) => skipped.push({ assessmentId: assessment.id, title: assessment.title, assessor, subject, reason });
    if (!order.has(assessor) || !order.has(subject)) {
      skip('unknown-institution');
      continue;
    }
    const framework = input.frameworkOf(assessment);
    if (!framework) {
      skip('unknown-framework');
      continue;
    }
    const series = `${assessor}\u0000${assessment.seriesId}`;
    const held = newest.get(series);
    if (!held || isNewerRevision(assessment, held.assessment)) newest.set(series, { assessment, framework });
    candidates.push(assessment);
  }
  // Older revisions say so, rather than vanish from the count.
  const counted = new Set([...newest.values()].map((entry) => entry.assessment));
  for (const assessment of candidates) {
    if (!counted.has(assessment)) skipped.push({ assessmentId: assessment.id, title: assessment.title, assessor: assessment.assessor.institutionId, subject: assessment.subject.institutionId, reason: 'superseded' });
  }

  // 2. Per direction: the newest completed, else the newest in progress.
  const byDirection = new Map<string, Array<{ assessment: Assessment; framework: Framework }>>();
  for (const entry of newest.values()) {
    const { assessment } = entry;
    const assessor = assessment.assessor.institutionId;
    const subject = assessment.subject.institutionId;
    const isSelf = assessor === subject;
    if (isSelf !== (assessment.kind === 'self')) continue; // an "audit" of oneself, or a "self-assessment" of another: neither cell means anything
    const direction = `${assessor}\u0000${subject}`;
    byDirection.set(direction, [...(byDirection.get(direction) ?? []), entry]);
  }

  const latestDecision = new Map<string, { outcome: NonNullable<TrustCell['decision']>['outcome']; decidedAt: string }>();
  for (const decision of input.decisions ?? []) {
    const direction = `${decision.from}\u0000${decision.to}`;
    const held = latestDecision.get(direction);
    if (!held || decision.decidedAt > held.decidedAt) latestDecision.set(direction, { outcome: decision.outcome, decidedAt: decision.decidedAt });
  }

  const cells: TrustCell[] = [];
  const selfAssessments: SelfCell[] = [];
  for (const [direction, entries] of byDirection) {
    const completed = entries.filter((entry) => entry.assessment.status === 'complete').sort((a, b) => compareNewest(a.assessment, b.assessment));
    const open = entries.filter((entry) => entry.assessment.status !== 'complete').sort((a, b) => compareNewest(a.assessment, b.assessment));
    const shown = completed[0] ?? open[0]!;
    const cell = cellOf(shown.assessment, shown.framework, today, expiringWithinDays);
    const renewal = completed[0] ? open.find((entry) => entry.assessment.updatedAt > completed[0]!.assessment.updatedAt) : undefined;
    if (renewal) cell.renewalInProgress = { assessmentId: renewal.assessment.id, title: renewal.assessment.title, updatedAt: renewal.assessment.updatedAt };
    if (cell.assessor === cell.subject) {
      selfAssessments.push(cell);
      continue;
    }
    const decision = latestDecision.get(direction);
    cells.push(decision ? { ...cell, decision } : cell);
  }
  const rowMajor = (a: SelfCell, b: SelfCell) => order.get(a.assessor)! - order.get(b.assessor)! || order.get(a.subject)! - order.get(b.subject)!;
  cells.sort(rowMajor);
  selfAssessments.sort(rowMajor);

  const dimensions = dimensionRows(institutions, cells, selfAssessments, newest, input.language);

  const completedCells = cells.filter((cell) => cell.status === 'complete');
  const n = institutions.length;
  return {
    today,
    expiringWithinDays,
    institutions,
    cells,
    selfAssessments,
    dimensions,
    totals: {
      institutions: n,
      audits: cells.length,
      valid: completedCells.filter((cell) => cell.validity === 'valid').length,
      expiring: completedCells.filter((cell) => cell.validity === 'expiring').length,
      expired: completedCells.filter((cell) => cell.validity === 'expired').length,
      inProgress: cells.length - completedCells.length,
      selfAssessments: selfAssessments.length,
      directionsMissing: n * (n - 1) - cells.length,
    },
    skipped: skipped.sort((a, b) => compareText(a.assessor, b.assessor) || compareText(a.subject, b.subject) || compareText(a.assessmentId, b.assessmentId)),
  };
}

/** The day an assessment counts from: its completion, else its last change. */
function assessmentDate(assessment: Assessment): string {
  return dayOf(assessment.completed?.at) ?? dayOf(assessment.updatedAt) ?? dayOf(assessment.createdAt) ?? '1970-01-01';
}

function validityOf(validUntil: string, today: string, expiringWithinDays = defaultExpiringWithinDays): Validity {
  return validityOn(validUntil, today, expiringWithinDays);
}

function cellOf(assessment: Assessment, framework: Framework, today: string, expiringWithinDays: number): SelfCell {
  const score = scoreAssessment(framework, assessment.answers);
  const date = assessmentDate(assessment);
  const validUntil = addCalendarMonths(date, framework.validityMonths);
  return {
    assessor: assessment.assessor.institutionId,
    subject: assessment.subject.institutionId,
    assessmentId: assessment.id,
    title: assessment.title,
    status: assessment.status === 'complete' ? 'complete' : 'in-progress',
    overall: score.overall,
    band: score.band,
    blockers: score.blockers.length,
    date,
    validUntil,
    validity: validityOf(validUntil, today, expiringWithinDays),
    framework: { id: framework.id, version: framework.version, title: framework.title },
    dimensions: Object.fromEntries(score.dimensions.map((dimension) => [dimension.id, dimension.score])),
    seriesId: assessment.seriesId,
    revision: assessment.revision,
  };
}

function isNewerRevision(candidate: Assessment, held: Assessment): boolean {
  if (candidate.revision !== held.revision) return candidate.revision > held.revision;
  if (candidate.updatedAt !== held.updatedAt) return candidate.updatedAt > held.updatedAt;
  return compareText(candidate.id, held.id) > 0;
}

/** Newest first: by the day it counts from, then the last change, then id (for determinism). */
function compareNewest(a: Assessment, b: Assessment): number {
  return compareText(assessmentDate(b), assessmentDate(a)) || compareText(b.updatedAt, a.updatedAt) || compareText(a.id, b.id);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `1.10` is newer than `1.9`. */
function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const difference = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

function dimensionRows(
  institutions: readonly ConsortiumMember[],
  cells: readonly TrustCell[],
  selfAssessments: readonly SelfCell[],
  newest: ReadonlyMap<string, { assessment: Assessment; framework: Framework }>,
  language: Language | undefined,
): DimensionRow[] {
  // Titles from the newest framework that has each dimension, in the wanted language first.
  const frameworks = new Map<string, Framework>();
  for (const { framework } of newest.values()) frameworks.set(`${framework.id}@${framework.version}@${framework.language}`, framework);
  const inLanguage = (framework: Framework) => (language === undefined || framework.language === language ? 0 : 1);
  const byNewest = [...frameworks.values()].sort(
    (a, b) => inLanguage(a) - inLanguage(b) || compareVersions(b.version, a.version) || compareText(a.id, b.id) || compareText(a.language, b.language),
  );
  const titles = new Map<string, string>();
  for (const framework of byNewest) for (const dimension of framework.dimensions) if (!titles.has(dimension.id)) titles.set(dimension.id, dimension.title);
  for (const cell of [...cells, ...selfAssessments]) for (const id of Object.keys(cell.dimensions)) if (!titles.has(id)) titles.set(id, id);

  // Each subject's newest completed audit that has not expired.
  const current = new Map<string, TrustCell>();
  for (const cell of cells) {
    if (cell.status !== 'complete' || cell.validity === 'expired') continue;
    const held = current.get(cell.subject);
    if (!held || cell.date > held.date || (cell.date === held.date && compareText(cell.assessmentId, held.assessmentId) < 0)) current.set(cell.subject, cell);
  }

  const rows = [...titles].map(([id, title]) => {
    const scores: Record<string, number | null> = {};
    const present: number[] = [];
    for (const institution of institutions) {
      const score = current.get(institution.key)?.dimensions[id] ?? null;
      scores[institution.key] = score;
      if (score !== null) present.push(score);
    }
    return {
      id,
      title,
      scores,
      mean: present.length ? present.reduce((sum, score) => sum + score, 0) / present.length : null,
      min: present.length ? Math.min(...present) : null,
      count: present.length,
      rank: 0,
    } satisfies DimensionRow;
  });
  rows.sort((a, b) => {
    if (a.mean === null || b.mean === null) return a.mean === b.mean ? compareText(a.id, b.id) : a.mean === null ? 1 : -1;
    return a.mean - b.mean || compareText(a.id, b.id);
  });
  rows.forEach((row, index) => (row.rank = index + 1));
  return rows;
}
