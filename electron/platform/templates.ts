/**
 * The template loader, below every service and export that needs texts. Loads the report texts
 * of one language from `<templatesDir>/reports/<language>.json`, and the agreement's clause texts from `<templatesDir>/agreements/<language>.json`. A consortium (or its
 * lawyer) may edit these files, so they are read as untrusted JSON: only a tree of strings is
 * accepted for the reports, where a key missing from a language falls back to the English file;
 * the agreement texts must be complete in their own language.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { agreementTextsSchema, type AgreementTexts } from '../../shared/agreement/texts';
import { AppError } from '../../shared/errors';
import type { Language } from '../../shared/framework/schema';
import { describeIssues, fieldIssues } from '../../shared/ipc/zod-issues';
import { reportTexts, type ReportTexts, type TextTree } from '../../shared/report/texts';
import { parseUntrustedJson } from './json';

const maxTemplateBytes = 1024 * 1024;

function isTextTree(value: unknown, depth = 0): value is TextTree {
  if (depth > 8 || typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((item) => typeof item === 'string' || isTextTree(item, depth + 1));
}

async function readTextTree(templatesDir: string, language: Language): Promise<TextTree> {
  const path = join(templatesDir, 'reports', `${language}.json`);
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw new AppError({ code: 'NOT_FOUND', message: `The report texts for "${language}" are missing (${path}).`, params: { language } }, { cause: error });
  });
  if (text.length > maxTemplateBytes) throw new AppError({ code: 'FILE_TOO_LARGE', message: `${path} is too large to be a report text file.`, params: { maxMb: maxTemplateBytes / 1024 / 1024 } });
  const parsed = parseUntrustedJson(text);
  if (!parsed.ok || !isTextTree(parsed.value)) {
    throw new AppError({
      code: 'INVALID_FILE',
      message: `The report texts in ${path} are not valid: the file must hold nested objects of texts only.${parsed.ok ? '' : ` ${parsed.error.message}`}`,
    });
  }
  return parsed.value;
}

export async function loadReportTexts(templatesDir: string, language: Language): Promise<ReportTexts> {
  const english = await readTextTree(templatesDir, 'en');
  const tree = language === 'en' ? english : await readTextTree(templatesDir, language);
  return reportTexts(language, tree, english);
}

/**
 * The agreement's clause texts of one language. No fallback to English, unlike the report texts:
 * a clause missing from a Spanish agreement is an error to fix, not a gap to fill in English.
 */
export async function loadAgreementTexts(templatesDir: string, language: Language): Promise<AgreementTexts> {
  const path = join(templatesDir, 'agreements', `${language}.json`);
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw new AppError({ code: 'NOT_FOUND', message: `The agreement texts for "${language}" are missing (${path}).`, params: { language } }, { cause: error });
  });
  if (text.length > maxTemplateBytes) throw new AppError({ code: 'FILE_TOO_LARGE', message: `${path} is too large to be an agreement text file.`, params: { maxMb: maxTemplateBytes / 1024 / 1024 } });
  const parsed = parseUntrustedJson(text);
  if (!parsed.ok) throw new AppError({ code: 'INVALID_FILE', message: `The agreement texts in ${path} are not valid JSON. ${parsed.error.message}` });
  const checked = agreementTextsSchema.safeParse(parsed.value);
  if (!checked.success) {
    const issues = fieldIssues(checked.error);
    throw new AppError({ code: 'INVALID_FILE', message: `The agreement texts in ${path} are not valid: ${describeIssues(issues).slice(0, 5).join('; ')}`, issues });
  }
  if (checked.data.language !== language) {
    throw new AppError({ code: 'INVALID_FILE', message: `${path} holds the agreement texts for "${checked.data.language}", not "${language}".` });
  }
  return checked.data;
}
