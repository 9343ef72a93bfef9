/**
 * Exports for the app and the command line: Word reports, the partnership agreement, Excel
 * workbooks, and the partner questionnaire (its import is in electron/import/). Each function takes the services it needs, the templates folder,
 * the report language (independent of the interface language), what to export and where; it
 * writes the file durably and reports progress through an optional `(done, total)` callback.
 * Plain Node: no Electron here; the IPC wiring and dialogs live elsewhere.
 */
import { defaultFrameworkFor } from '../../shared/framework/guide2';
import { agreementSchema, type Agreement } from '../../shared/agreement/schema';
import type { Assessment } from '../../shared/assessment/schema';
import { AppError, isAppError } from '../../shared/errors';
import { fieldIssues } from '../../shared/ipc/zod-issues';
import type { Framework, Language } from '../../shared/framework/schema';
import { assessmentReport } from '../../shared/report/assessment-report';
import type { ConsortiumFiles, ConsortiumModel } from '../../shared/consortium/model';
import type { AssessmentReport, InstitutionLine, PartnershipReport } from '../../shared/report/model';
import { institutionLine } from '../../shared/report/parts';
import { partnershipReport } from '../../shared/report/partnership-report';
import type { AssessmentService } from '../services/assessments';
import type { FrameworkCatalog } from '../services/frameworks';
import type { InstitutionService } from '../services/institutions';
import type { PartnershipService } from '../services/partnerships';
import type { Store } from '../store/store';
import { writeFileDurably } from '../store/durable-write';
import { dimensionChart } from './charts';
import { agreementDocx } from './docx/agreement';
import { assessmentReportDocx } from './docx/assessment-report';
import { consortiumSummaryDocx } from './docx/consortium-summary';
import { briefDocx } from './docx/brief';
import { readinessReportDocx } from './docx/readiness-report';
import { loadAgreementTexts, loadReportTexts } from '../platform/templates';
import { assessmentWorkbookXlsx } from './xlsx/assessment-workbook';
import { consortiumWorkbookXlsx } from './xlsx/consortium-workbook';
import { questionnaireXlsx } from './xlsx/questionnaire';
import { teamViewOf } from './team-report';
import { erasedWord, withErasedShown } from '../../shared/personal-data/erased';
import type { TeamView } from '../../shared/team/view';

/** What the exports read: the services below them (the app's Core has all of them). */
interface ExportServices {
  frameworks: FrameworkCatalog;
  institutions: InstitutionService;
  assessments: AssessmentService;
  partnerships: PartnershipService;
  store: Store;
}
export type Progress = (done: number, total: number) => void;

interface ExportOptions {
  core: ExportServices;
  templatesDir: string;
  language: Language;
  /** The assessment or partnership to export. */
  id: string;
  outPath: string;
  onProgress?: Progress;
  /** The report's date and the overdue check; the system clock by default. */
  now?: () => Date;
  /** Shown on the title page; the app's user by default. */
  preparedBy?: string;
  appVersion?: string;
}

interface ExportResult {
  path: string;
  bytes: number;
}

const today = (now: () => Date) => now().toISOString().slice(0, 10);

function preparedBy(core: ExportServices, given?: string): string | undefined {
  if (given !== undefined) return given || undefined;
  const { userName, userRole } = core.store.settings;
  return [userName, userRole].filter(Boolean).join(', ') || undefined;
}

/**
 * The institution's line, or undefined when it is not stored (removed). A damaged file is not
 * "missing": the store's own message (restored, or damaged beyond its copies and where it went)
 * reaches the officer unchanged.
 */
async function institutionOf(core: ExportServices, id: string): Promise<InstitutionLine | undefined> {
  try {
    return institutionLine(await core.institutions.get(id));
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

/** A linked assessment, or undefined when none is linked or it was removed; damage is reported, not hidden. */
async function tryAssessment(core: ExportServices, id: string | undefined): Promise<Assessment | undefined> {
  if (!id) return undefined;
  try {
    return await core.assessments.get(id);
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

/** The report model of one assessment, in the report language. */
export async function loadAssessmentReport(core: ExportServices, id: string, language: Language, now: () => Date = () => new Date()): Promise<AssessmentReport> {
  const assessment = await core.assessments.get(id);
  const framework = core.assessments.frameworkOf(assessment, language);
  let reviewed: Assessment | undefined;
  if (assessment.kind === 'audit') {
    reviewed = await tryAssessment(core, assessment.reviewsAssessmentId);
    // An audit made before the partner's self-assessment arrived: the newest one of the subject.
    if (!reviewed) {
      const newest = core.assessments
        .list()
        .filter((summary) => summary.kind === 'self' && summary.subject.institutionId === assessment.subject.institutionId)
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
      reviewed = await tryAssessment(core, newest?.id);
    }
  }
  const subject = await institutionOf(core, assessment.subject.institutionId);
  const assessor = await institutionOf(core, assessment.assessor.institutionId);
  const report = assessmentReport({
    framework,
    assessment,
    ...(reviewed ? { reviewed } : {}),
    ...(subject ? { subject } : {}),
    ...(assessor ? { assessor } : {}),
    today: today(now),
  });
  // An erased person's name reads as the report language's word for it.
  return withErasedShown(report, erasedWord(language));
}

/** The report model of a partnership, in the report language. */
export async function loadPartnershipReport(core: ExportServices, id: string, language: Language, now: () => Date = () => new Date()): Promise<PartnershipReport> {
  const partnership = await core.partnerships.get(id);
  const slots = partnership.assessments;
  const assessments = {
    selfA: await tryAssessment(core, slots.selfA),
    selfB: await tryAssessment(core, slots.selfB),
    auditOfB: await tryAssessment(core, slots.auditOfB),
    auditOfA: await tryAssessment(core, slots.auditOfA),
  };
  const present = Object.fromEntries(Object.entries(assessments).filter(([, value]) => value !== undefined)) as PartnershipReportAssessments;
  // The report's framework: the one the own institution's self-assessment was made with, else the
  // first linked assessment's, else the built-in guide.
  const pinned = present.selfA ?? present.auditOfB ?? present.selfB ?? present.auditOfA;
  let framework: Framework;
  if (pinned) framework = core.assessments.frameworkOf(pinned, language);
  else {
    const builtIn = defaultFrameworkFor(core.frameworks.list());
    if (!builtIn) throw new AppError({ code: 'NOT_FOUND', message: 'No framework is available for this report.' });
    framework = await core.frameworks.get(builtIn.key, language);
  }
  const a = await institutionOf(core, partnership.institutionA);
  const b = await institutionOf(core, partnership.institutionB);
  if (!a || !b) {
    const missing = !a ? partnership.institutionA : partnership.institutionB;
    throw new AppError({
      code: 'NOT_FOUND',
      message: `The institution ${missing} of this partnership was removed from this data folder, so its readiness report cannot be written. A removed institution is kept in the folder "deleted"; restore it from there or from a backup of the data folder.`,
      params: { id: missing },
    });
  }
  const report = partnershipReport({ framework, partnership, institutions: { A: a, B: b }, assessments: present, today: today(now) });
  return withErasedShown(report, erasedWord(language));
}

type PartnershipReportAssessments = Parameters<typeof partnershipReport>[0]['assessments'];

function isPartnership(core: ExportServices, id: string): boolean {
  return core.partnerships.list().some((summary) => summary.id === id);
}

async function write(outPath: string, bytes: Buffer, progress: Progress | undefined, total: number): Promise<ExportResult> {
  await writeFileDurably(outPath, bytes);
  progress?.(total, total);
  return { path: outPath, bytes: bytes.length };
}

/** What the readiness report and the brief both start from: the report model, its texts and its chart. */
async function partnershipReportParts(options: ExportOptions, total: number) {
  const now = options.now ?? (() => new Date());
  const report = await loadPartnershipReport(options.core, options.id, options.language, now);
  options.onProgress?.(1, total);
  const texts = await loadReportTexts(options.templatesDir, options.language);
  const chart = dimensionChart(report.chart, texts, { templatesDir: options.templatesDir, framework: report.framework, compact: true, title: texts.t('chart.title') });
  options.onProgress?.(2, total);
  return { report, texts, chart };
}

/** The team view of an assessment (who rated what), with erased names in the report language. */
async function shownTeamView(options: ExportOptions, id: string): Promise<TeamView | undefined> {
  const team = await teamViewOf(options.core, id, options.language);
  return team ? withErasedShown(team, erasedWord(options.language)) : undefined;
}

/** The partnership readiness report for top management (Word). */
export async function exportReadinessReport(options: ExportOptions): Promise<ExportResult> {
  const total = 4;
  const { report, texts, chart } = await partnershipReportParts(options, total);
  const by = preparedBy(options.core, options.preparedBy);
  const bytes = await readinessReportDocx(report, texts, chart, { ...(by ? { preparedBy: by } : {}), ...(options.appVersion ? { appVersion: options.appVersion } : {}) });
  options.onProgress?.(3, total);
  return write(options.outPath, bytes, options.onProgress, total);
}

/** The brief for top management (Word, at most four pages): decision, chart, blockers, conditions, next review. */
export async function exportBrief(options: ExportOptions): Promise<ExportResult> {
  const total = 4;
  const { report, texts, chart } = await partnershipReportParts(options, total);
  // The next review: the first day an assessment the readiness rests on stops being valid.
  const validity = (['A', 'B'] as const).flatMap((side) => {
    const line = report.sides[side].audit ?? report.sides[side].self;
    const until = line ? options.core.assessments.list().find((summary) => summary.id === line.id)?.validUntil : undefined;
    return until ? [until] : [];
  });
  const by = preparedBy(options.core, options.preparedBy);
  // One line for each assessment of the decision that colleagues rated together.
  const teams: Array<{ assessment: string; team: TeamView }> = [];
  for (const side of ['A', 'B'] as const) {
    for (const line of [report.sides[side].self, report.sides[side].audit]) {
      const team = line ? await shownTeamView(options, line.id) : undefined;
      if (line && team) teams.push({ assessment: line.title, team });
    }
  }
  const bytes = await briefDocx(report, texts, chart, { nextReview: validity.sort()[0] ?? null, teams, ...(by ? { preparedBy: by } : {}), ...(options.appVersion ? { appVersion: options.appVersion } : {}) });
  options.onProgress?.(3, total);
  return write(options.outPath, bytes, options.onProgress, total);
}

/** The self-assessment report or the audit report of one assessment (by its kind), Word. */
export async function exportAssessmentReport(options: ExportOptions): Promise<ExportResult> {
  const now = options.now ?? (() => new Date());
  const total = 4;
  const report = await loadAssessmentReport(options.core, options.id, options.language, now);
  options.onProgress?.(1, total);
  const texts = await loadReportTexts(options.templatesDir, options.language);
  const chart = dimensionChart(report.chart, texts, { templatesDir: options.templatesDir, framework: report.framework, title: texts.t('chart.title') });
  options.onProgress?.(2, total);
  const by = preparedBy(options.core, options.preparedBy);
  const team = await shownTeamView(options, options.id);
  const bytes = await assessmentReportDocx(report, texts, chart, { ...(by ? { preparedBy: by } : {}), ...(options.appVersion ? { appVersion: options.appVersion } : {}) }, team);
  options.onProgress?.(3, total);
  return write(options.outPath, bytes, options.onProgress, total);
}

/** The assessment workbook (Excel) of an assessment or of a partnership. */
export async function exportAssessmentWorkbook(options: ExportOptions): Promise<ExportResult> {
  const now = options.now ?? (() => new Date());
  const total = 3;
  const report = isPartnership(options.core, options.id)
    ? await loadPartnershipReport(options.core, options.id, options.language, now)
    : await loadAssessmentReport(options.core, options.id, options.language, now);
  options.onProgress?.(1, total);
  const texts = await loadReportTexts(options.templatesDir, options.language);
  const by = preparedBy(options.core, options.preparedBy);
  const team = report.type === 'partnership' ? undefined : await shownTeamView(options, options.id);
  const bytes = await assessmentWorkbookXlsx(report, texts, { ...(by ? { preparedBy: by } : {}), now: now(), ...(team ? { team } : {}) });
  options.onProgress?.(2, total);
  return write(options.outPath, bytes, options.onProgress, total);
}

interface AgreementExportOptions {
  /** The agreement as stored, with its signatures. */
  agreement: Agreement;
  /**
   * The guide the agreement refers to (`agreement.content.framework`), ideally in the document's
   * language: Annex 1 quotes its criterion titles and "established" descriptors. Without it the
   * annex lists the criterion codes only.
   */
  framework?: Framework;
  templatesDir: string;
  /** The language of headings and labels; the agreement's own language by default. The clauses stay in the language they were agreed in. */
  language?: Language;
  outPath: string;
  onProgress?: Progress;
  /** The document's date; the system clock by default. */
  now?: () => Date;
}

/**
 * The agreement (Word): title page with the text's verification code, the clauses, the conditions,
 * Annex 1, and the signature page with every digital seal and whether it covers this text.
 */
export async function exportAgreement(options: AgreementExportOptions): Promise<ExportResult> {
  const now = options.now ?? (() => new Date());
  const total = 3;
  // The agreement normally comes from the store, already valid; checked again because a Word file
  // that people sign must not be made from something malformed.
  const checked = agreementSchema.safeParse(options.agreement);
  if (!checked.success) {
    throw new AppError({ code: 'VALIDATION', message: 'This agreement is not valid and cannot be exported.', issues: fieldIssues(checked.error) });
  }
  const agreement = checked.data;
  const language = options.language ?? agreement.content.language;
  const texts = await loadAgreementTexts(options.templatesDir, language);
  const reportTexts = await loadReportTexts(options.templatesDir, language);
  options.onProgress?.(1, total);
  const bytes = await agreementDocx({ agreement, texts, reportTexts, ...(options.framework ? { framework: options.framework } : {}), now: now() });
  options.onProgress?.(2, total);
  return write(options.outPath, bytes, options.onProgress, total);
}

interface QuestionnaireExportOptions {
  core: ExportServices;
  templatesDir: string;
  language: Language;
  /** The partner institution the questionnaire is for. */
  institutionId: string;
  /** The catalogue key of the (published) framework. */
  frameworkKey: string;
  outPath: string;
  onProgress?: Progress;
  now?: () => Date;
}

/** The fillable partner questionnaire (Excel), in the chosen language. */
export async function exportQuestionnaire(options: QuestionnaireExportOptions): Promise<ExportResult> {
  const now = options.now ?? (() => new Date());
  const { core } = options;
  const institution = await core.institutions.get(options.institutionId);
  if (institution.kind !== 'partner') throw new AppError({ code: 'VALIDATION', message: 'A questionnaire is sent to a partner institution.' });
  const item = core.frameworks.item(options.frameworkKey);
  if (item.status !== 'published') throw new AppError({ code: 'LOCKED', message: 'Publish this framework version before you send a questionnaire for it.' });
  const framework = await core.frameworks.get(options.frameworkKey, options.language);
  options.onProgress?.(1, 3);
  const texts = await loadReportTexts(options.templatesDir, options.language);
  const own = await core.institutions.getOwn();
  const { userName } = core.store.settings;
  const bytes = await questionnaireXlsx({
    framework,
    institution: { id: institution.id, legalName: institution.legalName, country: institution.country },
    sender: { institution: own?.legalName ?? 'TrustBridge', ...(own ? { contact: [userName || own.qaContact.name, own.qaContact.email].filter(Boolean).join(', ') } : {}) },
    texts,
    now: now(),
  });
  options.onProgress?.(2, 3);
  return write(options.outPath, bytes, options.onProgress, 3);
}

interface ConsortiumExportOptions {
  /** From `buildConsortium` (shared/consortium/build.ts): the store's data or a folder's files. */
  model: ConsortiumModel;
  /** When the model was built from a folder: what was counted, refused and why (`summariseFolder`). */
  files?: ConsortiumFiles;
  templatesDir: string;
  language: Language;
  outPath: string;
  onProgress?: Progress;
  /** The workbook's creation date; the system clock by default. */
  now?: () => Date;
  preparedBy?: string;
  appVersion?: string;
}

/** The consortium workbook (Excel): overview, trust matrix, audits, dimensions and, from a folder, files. */
export async function exportConsortiumWorkbook(options: ConsortiumExportOptions): Promise<ExportResult> {
  const now = options.now ?? (() => new Date());
  const total = 3;
  const texts = await loadReportTexts(options.templatesDir, options.language);
  options.onProgress?.(1, total);
  const bytes = await consortiumWorkbookXlsx({
    model: withErasedShown(options.model, erasedWord(options.language)),
    ...(options.files ? { files: options.files } : {}),
    texts,
    now: now(),
    ...(options.preparedBy ? { preparedBy: options.preparedBy } : {}),
  });
  options.onProgress?.(2, total);
  return write(options.outPath, bytes, options.onProgress, total);
}

/** The consortium summary (Word) for a consortium board. */
export async function exportConsortiumSummary(options: ConsortiumExportOptions): Promise<ExportResult> {
  const total = 3;
  const texts = await loadReportTexts(options.templatesDir, options.language);
  options.onProgress?.(1, total);
  const bytes = await consortiumSummaryDocx({
    model: withErasedShown(options.model, erasedWord(options.language)),
    ...(options.files ? { files: options.files } : {}),
    texts,
    meta: { ...(options.preparedBy ? { preparedBy: options.preparedBy } : {}), ...(options.appVersion ? { appVersion: options.appVersion } : {}) },
  });
  options.onProgress?.(2, total);
  return write(options.outPath, bytes, options.onProgress, total);
}

export { loadAgreementTexts } from '../platform/templates';
