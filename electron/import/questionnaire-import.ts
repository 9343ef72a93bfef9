/**
 * Reads a filled partner questionnaire back — as hostile input — and previews the self-assessment
 * it would create, with every problem found, row by row; nothing is stored until the user accepts
 * the preview (`acceptQuestionnaire`).
 *
 * Problems are of two severities:
 * - `error`: the file cannot be trusted as it is (a formula in an answer cell, a criterion answered
 *   twice); the preview cannot be accepted until the partner sends a corrected file;
 * - `warning`: one answer could not be taken as written (an unknown level, an N/A on a critical
 *   criterion without a reason, a row without its identifier, a text cut to length); that answer is
 *   left out or shortened, and the rest can be accepted.
 * Problems with the file as a whole (not a workbook, not a questionnaire, too large, an unknown
 * framework) are refused at once with an AppError whose message says what to do.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Answer, Evidence } from '../../shared/assessment/answer';
import { assessmentSchema, type Assessment, type InstitutionRef } from '../../shared/assessment/schema';
import { AppError } from '../../shared/errors';
import { translate, type TranslationTree } from '../../shared/i18n';
import type { FrameworkListItem } from '../../shared/framework/catalog';
import { frameworkRef } from '../../shared/framework/fingerprint';
import { criteriaOf, languageSchema, type Framework, type Language, type Level } from '../../shared/framework/schema';
import { cleanText } from '../../shared/report/clean-text';
import { figure } from '../../shared/report/parts';
import type { Figure } from '../../shared/report/model';
import { allowsNotApplicable, scoreAssessment, type ReadinessBand } from '../../shared/scoring';
import type { AssessmentService } from '../services/assessments';
import { columnLetter } from '../export/xlsx/kit';
import {
  answerColumns,
  columns,
  identityKeys,
  keyHeader,
  limits,
  questionnaireFormat,
  questionnaireFormatVersion,
  respondentColumn,
  respondentFields,
  respondentFirstRow,
  sheetNames,
  type IdentityKey,
} from '../export/xlsx/questionnaire-layout';
import { inspectWorkbookZip } from '../export/xlsx/zip-guard';

export interface QuestionnaireProblem {
  /** The spreadsheet row (1-based) or null for a problem with no row (a criterion missing from the file). */
  row: number | null;
  /** The column letter, or null. */
  column: string | null;
  criterionId: string | null;
  severity: 'error' | 'warning';
  /** Which problem: the interface shows its text in the user's language from this and `params`. */
  code: QuestionnaireProblemCode;
  params: Record<string, string | number>;
  /** The same in English, for the command line and logs. */
  problem: string;
  whatToDo: string;
}

type QuestionnaireProblemCode = keyof TranslationTree['questionnaireProblems'];

/** A problem's texts, from the translations (one wording for the app, the CLI and the tests). */
function described(code: QuestionnaireProblemCode, params: Record<string, string | number> = {}): Pick<QuestionnaireProblem, 'code' | 'params' | 'problem' | 'whatToDo'> {
  return {
    code,
    params,
    problem: translate('en', `questionnaireProblems.${code}.problem`, params),
    whatToDo: translate('en', `questionnaireProblems.${code}.whatToDo`, params),
  };
}

/** What readQuestionnaire needs of the framework catalogue. */
interface QuestionnaireCatalog {
  list(): FrameworkListItem[];
  get(key: string, language?: Language): Promise<Framework>;
  byRef(ref: { fingerprint: string }, language?: Language): Framework | undefined;
  keyOf(ref: { fingerprint: string }): string | undefined;
}

export interface QuestionnairePreview {
  fileName: string;
  /** How the questionnaire's framework was found in this data folder. */
  framework: {
    key: string;
    id: string;
    version: string;
    fingerprint: string;
    title: string;
    match: 'exact' | 'translation' | 'mapped';
    /** The framework the questionnaire was made for, when it was mapped to another version. */
    madeFor: { id: string; version: string; fingerprint: string } | null;
  };
  subject: InstitutionRef;
  respondent: { name: string; role: string; email: string; date: string };
  /** The assessment that accepting would store (kind self, origin questionnaire). */
  assessment: Assessment;
  problems: QuestionnaireProblem[];
  /** False while an `error` problem stands. */
  canAccept: boolean;
  counts: { rows: number; rated: number; notApplicable: number; unanswered: number; ignored: number };
  score: { overall: Figure; band: ReadinessBand; complete: boolean; answered: number; total: number };
}

interface ReadQuestionnaireOptions {
  frameworks: QuestionnaireCatalog;
  fileName: string;
  now: () => Date;
  /** Who imports it (recorded as the creator of the assessment). */
  importedBy: string;
  /** The institution named in the file, if it is still in this data folder. */
  institution?: (id: string) => InstitutionRef | undefined;
  newId?: () => string;
}

const yesWords = new Set(['yes', 'y', 'sí', 'si', 's', 'ja', 'j', 'x', 'true', '1', 'n/a', 'na']);
const noWords = new Set(['no', 'n', 'nein', 'false', '0', '']);

export async function readQuestionnaire(bytes: Uint8Array, options: ReadQuestionnaireOptions): Promise<QuestionnairePreview> {
  inspectWorkbookZip(bytes, { fileBytes: limits.fileBytes, entries: limits.zipEntries, partBytes: limits.partBytes, totalBytes: limits.totalBytes, rows: limits.rows });
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    throw new AppError(
      { code: 'INVALID_FILE', message: 'This workbook is damaged and cannot be read. Ask the partner to save it again in Excel or LibreOffice and send it once more.' },
      { cause: error },
    );
  }
  const identitySheet = workbook.getWorksheet(sheetNames.identity);
  const sheet = workbook.getWorksheet(sheetNames.questionnaire);
  if (!identitySheet || !sheet) {
    const found = workbook.worksheets.map((worksheet) => `“${worksheet.name}”`).join(', ') || 'none';
    throw new AppError({
      code: 'INVALID_FILE',
      message: `This workbook is not a TrustBridge questionnaire: it lacks the sheets “${sheetNames.questionnaire}” and the hidden identification sheet (sheets found: ${found}). Export a questionnaire from TrustBridge, send it to the partner, and import the file they return.`,
    });
  }
  if (sheet.rowCount > limits.rows || identitySheet.rowCount > 100) {
    throw new AppError({ code: 'INVALID_FILE', message: `The questionnaire sheet has more than ${limits.rows} rows. It was refused.` });
  }
  const identity = readIdentity(identitySheet);
  if (identity.format !== questionnaireFormat || identity.formatVersion !== String(questionnaireFormatVersion)) {
    throw new AppError({
      code: 'INVALID_FILE',
      message: `This workbook's identification (${identity.format || 'missing'} ${identity.formatVersion || ''}) is not one this version of TrustBridge reads. Export a new questionnaire and send it to the partner.`,
    });
  }
  if (cellString(sheet.getCell(1, columns.key)) !== keyHeader) {
    throw new AppError({
      code: 'INVALID_FILE',
      message: 'The questionnaire sheet has been rearranged (its hidden identifier column is missing or moved), so its answers cannot be matched to criteria safely. Ask the partner to copy their answers into a new questionnaire exported from TrustBridge.',
    });
  }

  const problems: QuestionnaireProblem[] = [];
  const rowIds = new Set<string>();
  for (let r = 2; r <= sheet.rowCount; r += 1) {
    const id = cellString(sheet.getCell(r, columns.key)).trim();
    if (id) rowIds.add(id);
  }
  const resolved = await resolveFramework(identity, rowIds, options.frameworks, problems);
  const { framework } = resolved;
  const criteria = new Map(criteriaOf(framework).map((criterion) => [criterion.id, criterion]));
  const levelLabels = await levelLabelIndex(framework, options.frameworks, resolved.key);

  const answers: Record<string, Answer> = {};
  const seenAt = new Map<string, number>();
  let rows = 0;
  let ignored = 0;
  const at = options.now().toISOString();
  const add = (problem: Omit<QuestionnaireProblem, 'column'> & { column: number | null }) =>
    problems.push({ ...problem, column: problem.column === null ? null : columnLetter(problem.column) });

  for (let r = 2; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    const keyCell = row.getCell(columns.key);
    const criterionId = cellString(keyCell).trim();
    const visibleId = cellString(row.getCell(columns.id)).trim();
    const answered = answerColumns.some((c) => !isBlank(row.getCell(c)));
    if (!criterionId) {
      if (answered) {
        ignored += 1;
        add({ row: r, column: columns.key, criterionId: visibleId || null, severity: 'warning', ...described('rowWithoutIdentifier') });
      }
      continue;
    }
    rows += 1;
    if (isFormula(keyCell)) {
      add({ row: r, column: columns.key, criterionId: null, severity: 'error', ...described('identifierFormula') });
      continue;
    }
    const earlier = seenAt.get(criterionId);
    if (earlier !== undefined) {
      add({ row: r, column: columns.key, criterionId, severity: 'error', ...described('duplicateCriterion', { criterionId, earlier, row: r }) });
      delete answers[criterionId];
      continue;
    }
    seenAt.set(criterionId, r);
    const criterion = criteria.get(criterionId);
    if (!criterion) {
      ignored += 1;
      add({
        row: r,
        column: columns.key,
        criterionId,
        severity: 'warning',
        ...(resolved.match === 'mapped'
          ? described('notMapped', { criterionId, fromVersion: identity.frameworkVersion, toVersion: framework.version })
          : described('notInFramework', { criterionId, framework: framework.title, version: framework.version })),
      });
      continue;
    }

    let formula = false;
    for (const c of answerColumns) {
      if (isFormula(row.getCell(c))) {
        formula = true;
        add({ row: r, column: c, criterionId, severity: 'error', ...described('answerFormula') });
      }
    }
    if (formula) continue;

    const levelText = cellString(row.getCell(columns.level)).trim();
    const naText = cellString(row.getCell(columns.notApplicable)).trim();
    const naReason = limitText(cellString(row.getCell(columns.naReason)), limits.naReason, () =>
      add({ row: r, column: columns.naReason, criterionId, severity: 'warning', ...described('naReasonShortened', { limit: limits.naReason }) }),
    );
    const justification = limitText(cellString(row.getCell(columns.justification)), limits.justification, () =>
      add({ row: r, column: columns.justification, criterionId, severity: 'warning', ...described('justificationShortened', { limit: limits.justification }) }),
    );
    const evidence = parseEvidence(cellString(row.getCell(columns.evidence)), at, (problem) =>
      add({ row: r, column: columns.evidence, criterionId, severity: 'warning', ...problem }),
    );

    let notApplicable = false;
    const naWord = naText.toLocaleLowerCase();
    if (yesWords.has(naWord)) notApplicable = true;
    else if (!noWords.has(naWord)) {
      add({ row: r, column: columns.notApplicable, criterionId, severity: 'warning', ...described('notApplicableValue', { value: shorten(naText) }) });
    }

    let level: Level | null = null;
    if (levelText) {
      const parsed = parseLevel(levelText, levelLabels);
      if (parsed === null) {
        add({ row: r, column: columns.level, criterionId, severity: 'warning', ...described('levelValue', { value: shorten(levelText) }) });
      } else level = parsed;
    }
    if (notApplicable && level !== null) {
      add({ row: r, column: columns.level, criterionId, severity: 'warning', ...described('levelAndNotApplicable') });
      level = null;
    }
    if (notApplicable && !allowsNotApplicable(criterion)) {
      // Refused rather than read as unanswered: accepting would store an answer the guide forbids.
      add({ row: r, column: columns.notApplicable, criterionId, severity: 'error', ...described('notApplicableNotAllowed', { criterionId }) });
    } else if (notApplicable && criterion.critical && naReason.trim() === '') {
      add({ row: r, column: columns.naReason, criterionId, severity: 'warning', ...described('criticalNotApplicableWithoutReason', { criterionId }) });
    }
    if (!notApplicable && naReason.trim() !== '' && level !== null) {
      add({ row: r, column: columns.naReason, criterionId, severity: 'warning', ...described('reasonButRated') });
    }
    if (level === null && !notApplicable && !justification.trim() && !evidence.length && !naReason.trim()) continue;
    answers[criterionId] = {
      level,
      notApplicable,
      naReason,
      justification,
      evidence,
      requestedEvidence: '',
      carriedOver: false,
    };
  }

  for (const criterionId of criteria.keys()) {
    if (!seenAt.has(criterionId)) {
      problems.push({ row: null, column: null, criterionId, severity: 'warning', ...described('missingRow', { criterionId }) });
    }
  }

  const respondent = readRespondent(workbook.getWorksheet(sheetNames.instructions));
  const subject: InstitutionRef = options.institution?.(identity.institutionId) ?? {
    institutionId: identity.institutionId || 'unknown',
    legalName: cleanText(identity.institutionName || 'Unknown institution').slice(0, 300),
    country: /^[A-Z]{2}$/.test(identity.institutionCountry) ? identity.institutionCountry : 'ZZ',
  };
  if (!options.institution?.(identity.institutionId)) {
    problems.push({ row: null, column: null, criterionId: null, severity: 'error', ...described('unknownPartner', { partner: subject.legalName }) });
  }

  const score = scoreAssessment(framework, answers);
  const id = (options.newId ?? randomUUID)();
  const completedAt = respondent.date && !Number.isNaN(Date.parse(respondent.date)) ? new Date(Date.parse(respondent.date)).toISOString() : at;
  const assessment: Assessment = {
    schemaVersion: 1,
    id,
    kind: 'self',
    title: `Self-assessment of ${subject.legalName} (questionnaire)`.slice(0, 200),
    subject,
    assessor: subject,
    framework: { ...frameworkRef(framework), language: framework.language },
    status: score.complete ? 'complete' : 'draft',
    ...(score.complete ? { completed: { by: respondent.name || subject.legalName, role: respondent.role, at: completedAt } } : {}),
    seriesId: id,
    revision: 1,
    origin: { type: 'questionnaire', importedAt: at, fileName: cleanText(options.fileName).slice(0, 255) },
    answers,
    history: [{ at, by: options.importedBy.slice(0, 200), field: 'status', from: '', to: `imported from questionnaire ${cleanText(options.fileName).slice(0, 200)}` }],
    createdAt: at,
    createdBy: options.importedBy.slice(0, 200),
    updatedAt: at,
  };
  const checked = assessmentSchema.safeParse(assessment);
  if (!checked.success) {
    throw new AppError({ code: 'INVALID_FILE', message: 'The answers in this questionnaire could not be turned into an assessment. Ask the partner for a new copy.' });
  }
  const counts = {
    rows,
    rated: score.criteria.filter((c) => c.status === 'rated').length,
    notApplicable: score.criteria.filter((c) => c.status === 'not-applicable').length,
    unanswered: score.criteria.filter((c) => c.status === 'missing').length,
    ignored,
  };
  return {
    fileName: options.fileName,
    framework: {
      key: resolved.key,
      id: framework.id,
      version: framework.version,
      fingerprint: frameworkRef(framework).fingerprint,
      title: framework.title,
      match: resolved.match,
      madeFor: resolved.match === 'mapped' ? { id: identity.frameworkId, version: identity.frameworkVersion, fingerprint: identity.frameworkFingerprint } : null,
    },
    subject,
    respondent,
    assessment: checked.data,
    problems,
    canAccept: !problems.some((problem) => problem.severity === 'error'),
    counts,
    score: { overall: figure(score.overall), band: score.band, complete: score.complete, answered: score.completeness.answered, total: score.completeness.total },
  };
}

/** Stores the previewed assessment. Refuses a preview with errors, or whose partner is gone. */
export async function acceptQuestionnaire(
  preview: QuestionnairePreview,
  services: { assessments: Pick<AssessmentService, 'importAssessment'>; institutionExists: (id: string) => boolean },
): Promise<Assessment> {
  const errors = preview.problems.filter((problem) => problem.severity === 'error');
  if (errors.length) {
    throw new AppError({
      code: 'VALIDATION',
      message: `This questionnaire has ${errors.length} problem${errors.length === 1 ? '' : 's'} that must be corrected before it can be imported (the first: ${errors[0]!.problem}). Nothing was stored.`,
      params: { count: errors.length },
    });
  }
  if (!services.institutionExists(preview.subject.institutionId)) {
    throw new AppError({ code: 'NOT_FOUND', message: `${preview.subject.legalName} is no longer in this data folder. Nothing was stored.` });
  }
  const assessment = assessmentSchema.parse(preview.assessment);
  return services.assessments.importAssessment(assessment);
}

// ------------------------------------------------------------------ reading cells

function isFormula(cell: ExcelJS.Cell): boolean {
  if (cell.type === ExcelJS.ValueType.Formula) return true;
  const value = cell.value as unknown;
  return typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value);
}

function isBlank(cell: ExcelJS.Cell): boolean {
  return cellString(cell).trim() === '' && !isFormula(cell);
}

/** A cell's text whatever it holds: plain or rich text, a number, a date, a hyperlink. */
function cellString(cell: ExcelJS.Cell): string {
  const value = cell.value as unknown;
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return cleanText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (Array.isArray(record['richText'])) return cleanText((record['richText'] as Array<{ text?: unknown }>).map((part) => (typeof part.text === 'string' ? part.text : '')).join(''));
    if (typeof record['hyperlink'] === 'string') {
      const text = typeof record['text'] === 'string' ? record['text'] : '';
      return cleanText(text && text !== record['hyperlink'] ? `${text}: ${record['hyperlink']}` : record['hyperlink']);
    }
    if ('result' in record) return record['result'] === undefined || record['result'] === null ? '' : String(record['result']);
    if ('error' in record) return String(record['error']);
  }
  return '';
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function limitText(text: string, max: number, onCut: () => void): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  onCut();
  return `${trimmed.slice(0, max - 1)}…`;
}

function readIdentity(sheet: ExcelJS.Worksheet): Record<IdentityKey, string> {
  const identity = Object.fromEntries(identityKeys.map((key) => [key, ''])) as Record<IdentityKey, string>;
  for (let r = 1; r <= Math.min(sheet.rowCount, 100); r += 1) {
    const key = cellString(sheet.getCell(r, 1)).trim();
    if ((identityKeys as readonly string[]).includes(key)) identity[key as IdentityKey] = cellString(sheet.getCell(r, 2)).trim().slice(0, 300);
  }
  return identity;
}

function readRespondent(sheet: ExcelJS.Worksheet | undefined): QuestionnairePreview['respondent'] {
  const value = (i: number) => (sheet ? cellString(sheet.getCell(respondentFirstRow + i, respondentColumn)).trim().slice(0, limits.respondent) : '');
  const [name, role, email, date] = respondentFields.map((_, i) => value(i));
  return { name: name ?? '', role: role ?? '', email: email ?? '', date: date ?? '' };
}

/** Level labels by language, so "Established", "Consolidado" and "Etabliert" are all read as 3. */
async function levelLabelIndex(framework: Framework, catalog: QuestionnaireCatalog, key: string): Promise<Map<string, Level>> {
  const index = new Map<string, Level>();
  const add = (fw: Framework) => fw.scale.forEach((level) => index.set(level.label.trim().toLocaleLowerCase(), level.value));
  add(framework);
  const item = catalog.list().find((candidate) => candidate.key === key);
  for (const language of item?.languages ?? []) {
    // A translation that cannot be read is not offered; the framework's own language always is.
    if (language !== framework.language) add(await catalog.get(key, language).catch(() => framework));
  }
  return index;
}

/** "3 – Established", "3", "3.0" or "Established" → 3; anything else → null. */
function parseLevel(text: string, labels: ReadonlyMap<string, Level>): Level | null {
  const trimmed = text.trim();
  const numbered = /^([0-4])(?:[.,]0+)?(?:\s*[-–—:.)]\s*(.*))?$/.exec(trimmed);
  if (numbered) return Number(numbered[1]) as Level;
  return labels.get(trimmed.toLocaleLowerCase()) ?? null;
}

function parseEvidence(text: string, at: string, report: (problem: ReturnType<typeof described>) => void): Evidence[] {
  const evidence: Evidence[] = [];
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  for (const line of lines) {
    const match = /(https?:\/\/[^\s<>"]+)/i.exec(line);
    if (!match) {
      report(described('evidenceNotLink', { value: shorten(line) }));
      continue;
    }
    if (evidence.length >= limits.evidenceItems) {
      report(described('evidenceTooMany', { limit: limits.evidenceItems }));
      break;
    }
    const url = match[1]!.slice(0, limits.evidenceUrl);
    const label = line.replace(match[0], '').replace(/[\s:–—-]+$/, '').replace(/^[\s•*-]+/, '').trim().slice(0, limits.evidenceLabel);
    evidence.push({ kind: 'link', id: randomUUID(), label, url, addedAt: at });
  }
  return evidence;
}

// ------------------------------------------------------------------ which framework

async function resolveFramework(
  identity: Record<IdentityKey, string>,
  rowIds: ReadonlySet<string>,
  catalog: QuestionnaireCatalog,
  problems: QuestionnaireProblem[],
): Promise<{ framework: Framework; key: string; match: QuestionnairePreview['framework']['match'] }> {
  const language = languageSchema.safeParse(identity.frameworkLanguage);
  const exact = /^[0-9a-f]{64}$/.test(identity.frameworkFingerprint) ? catalog.byRef({ fingerprint: identity.frameworkFingerprint }) : undefined;
  if (exact) {
    const key = catalog.keyOf({ fingerprint: identity.frameworkFingerprint });
    if (key) return { framework: exact, key, match: 'exact' };
  }
  const published = catalog.list().filter((item) => item.status === 'published');
  // The same version in another language: the structure fingerprint says the scores are the same.
  const translation = published.find((item) => item.id === identity.frameworkId && item.version === identity.frameworkVersion && item.structureFingerprint === identity.frameworkStructure);
  if (translation) {
    return { framework: await catalog.get(translation.key, language.success ? language.data : undefined), key: translation.key, match: 'translation' };
  }
  // Another version: map by criterion identifier, to the version that shares the most of them
  // (the same framework first, then the newest between equals).
  const scored: Array<{ item: FrameworkListItem; framework: Framework; shared: number }> = [];
  for (const item of published) {
    const framework = await catalog.get(item.key, language.success ? language.data : undefined);
    const shared = criteriaOf(framework).filter((criterion) => rowIds.has(criterion.id)).length;
    if (shared > 0) scored.push({ item, framework, shared });
  }
  scored.sort(
    (a, b) =>
      Number(b.item.id === identity.frameworkId) - Number(a.item.id === identity.frameworkId) ||
      b.shared - a.shared ||
      compareVersions(b.item.version, a.item.version),
  );
  const best = scored[0];
  if (best) {
    const unmapped = [...rowIds].filter((id) => !criteriaOf(best.framework).some((criterion) => criterion.id === id)).length;
    problems.push({
      row: null,
      column: null,
      criterionId: null,
      severity: 'warning',
      ...described(unmapped ? 'mappedToOtherVersionWithUnmapped' : 'mappedToOtherVersion', {
        frameworkId: identity.frameworkId || '?',
        fromVersion: identity.frameworkVersion || '?',
        framework: best.item.title,
        toVersion: best.item.version,
        shared: best.shared,
        count: rowIds.size,
        unmapped,
      }),
    });
    return { framework: best.framework, key: best.item.key, match: 'mapped' };
  }
  throw new AppError({
    code: 'NOT_FOUND',
    message: `This questionnaire was made for the framework “${identity.frameworkId}” version ${identity.frameworkVersion || '?'}, which is not in this data folder, and no version of it is. Import that framework file first (ask the consortium coordinator for it), then import the questionnaire again.`,
    params: { id: identity.frameworkId, version: identity.frameworkVersion },
  });
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff) return diff;
  }
  return 0;
}
