/**
 * Loads the report texts of one language from `<templatesDir>/reports/<language>.json`. A
 * consortium may edit these files, so they are read as untrusted JSON: only a tree of strings is
 * accepted, and a key missing from a language falls back to the English file.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import type { Language } from '../../shared/framework/schema';
import { reportTexts, type ReportTexts, type TextTree } from '../../shared/report/texts';
import { parseUntrustedJson } from '../platform/untrusted-json';

const maxTemplateBytes = 1024 * 1024;

function isTextTree(value: unknown, depth = 0): value is TextTree {
  if (depth > 8 || typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((item) => typeof item === 'string' || isTextTree(item, depth + 1));
}

export async function readTextTree(templatesDir: string, language: Language): Promise<TextTree> {
  const path = join(templatesDir, 'reports', `${language}.json`);
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw new AppError({ code: 'NOT_FOUND', message: `The report texts for "${language}" are missing (${path}).`, params: { language } }, { cause: error });
  });
  if (text.length > maxTemplateBytes) throw new AppError({ code: 'FILE_TOO_LARGE', message: `${path} is too large to be a report text file.` });
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
