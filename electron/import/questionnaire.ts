/**
 * Importing a filled partner questionnaire: the file is read and checked into a preview (nothing
 * stored), and the preview, once accepted, becomes the partner's self-assessment.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Assessment } from '../../shared/assessment/schema';
import { AppError } from '../../shared/errors';
import type { QuestionnairePreviewView } from '../../shared/ipc/contract';
import { limits } from '../export/xlsx/questionnaire-layout';
import type { AssessmentService } from '../services/assessments';
import type { FrameworkCatalog } from '../services/frameworks';
import type { InstitutionService } from '../services/institutions';
import type { Store } from '../store/store';
import { previewKind, type ImportPreviews } from '../services/import-previews';
import { acceptQuestionnaire as storeQuestionnaire, readQuestionnaire, type QuestionnairePreview } from './questionnaire-import';
import { statIfExists } from '../platform/files';

export type { QuestionnairePreview, QuestionnaireProblem } from './questionnaire-import';

/** The services a questionnaire import reads and writes. */
interface QuestionnaireServices {
  store: Store;
  frameworks: FrameworkCatalog;
  institutions: InstitutionService;
  assessments: AssessmentService;
}

/**
 * Reads a filled questionnaire and previews the partner's self-assessment it would create, with
 * every problem found. Stores nothing.
 */
export async function previewQuestionnaire(options: { core: QuestionnaireServices; path: string; now?: () => Date }): Promise<QuestionnairePreview> {
  const info = await statIfExists(options.path);
  if (!info?.isFile()) throw new AppError({ code: 'NOT_FOUND', message: `${options.path} is not a readable file.`, params: { path: options.path } });
  // The size is checked before the file is read into memory.
  if (info.size > limits.fileBytes) {
    throw new AppError({
      code: 'FILE_TOO_LARGE',
      message: `This file is larger than ${limits.fileBytes / 1024 / 1024} MB, far more than a filled questionnaire. It was not opened.`,
      params: { maxMb: limits.fileBytes / 1024 / 1024 },
    });
  }
  const bytes = await readFile(options.path);
  const { core } = options;
  const institutions = new Map(core.institutions.list().map((item) => [item.id, item]));
  return readQuestionnaire(bytes, {
    frameworks: core.frameworks,
    fileName: basename(options.path),
    now: options.now ?? (() => new Date()),
    importedBy: core.store.settings.userName || 'TrustBridge',
    institution: (id) => {
      const item = institutions.get(id);
      return item && item.kind === 'partner' ? { institutionId: item.id, legalName: item.legalName, country: item.country } : undefined;
    },
  });
}

/** Stores the previewed assessment as the partner's self-assessment. */
export async function acceptQuestionnaire(options: { core: QuestionnaireServices; preview: QuestionnairePreview }): Promise<Assessment> {
  const { core } = options;
  return storeQuestionnaire(options.preview, {
    assessments: core.assessments,
    institutionExists: (id) => core.institutions.list().some((item) => item.id === id && item.kind === 'partner'),
  });
}


/** Questionnaires read back and waiting for the user's decision, in the shared preview map. */
export const questionnairePreview = previewKind<QuestionnairePreview>('questionnaire');

/** Keeps a preview open for accepting; one questionnaire at a time: a new one closes the one before. */
export function keepQuestionnairePreview(previews: ImportPreviews, preview: QuestionnairePreview): string {
  previews.forgetAll(questionnairePreview);
  const token = previews.newToken();
  previews.put(questionnairePreview, token, preview);
  return token;
}

/** Accepts the questionnaire preview open under the token; the token is closed once it is stored. */
export async function acceptQuestionnairePreview(options: { core: QuestionnaireServices; previews: ImportPreviews; token: string }): Promise<Assessment> {
  const preview = options.previews.get(questionnairePreview, options.token);
  if (!preview) throw new AppError({ code: 'NOT_FOUND', message: 'This questionnaire preview is no longer open. Import the file again.' });
  const stored = await acceptQuestionnaire({ core: options.core, preview });
  options.previews.forget(options.token);
  return stored;
}

/** The preview as the window shows it, under the token that accepts it. */
export function questionnairePreviewView(preview: QuestionnairePreview, token: string): QuestionnairePreviewView {
  return {
    token,
    fileName: preview.fileName,
    framework: {
      title: preview.framework.title,
      version: preview.framework.version,
      match: preview.framework.match,
      madeFor: preview.framework.madeFor ? { id: preview.framework.madeFor.id, version: preview.framework.madeFor.version } : null,
    },
    subject: { legalName: preview.subject.legalName },
    respondent: preview.respondent,
    problems: preview.problems.map((problem) => ({
      row: problem.row ?? null,
      column: problem.column ?? null,
      severity: problem.severity,
      code: problem.code,
      params: problem.params,
      problem: problem.problem,
      whatToDo: problem.whatToDo,
    })),
    canAccept: preview.canAccept,
    counts: preview.counts,
    score: {
      overall: preview.score.overall.raw,
      band: preview.score.band,
      complete: preview.score.complete,
      answered: preview.score.answered,
      total: preview.score.total,
    },
  };
}
