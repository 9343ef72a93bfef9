/**
 * One path from an error to the words a user reads: every error the main process raises carries a
 * code from shared/errors.ts, and the window shows that code's text in the user's language with
 * the error's parameters (renderer/components/ErrorMessage.tsx). So every code raised anywhere in
 * electron/ needs a text in English, Spanish and German, and every error raised with a code whose
 * text has {{placeholders}} must give them as parameters, or the reader sees "{{maxMb}}".
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../../shared/errors';
import { resources } from '../../../shared/i18n';
import { repoRoot } from '../../support/paths';

const languages = ['en', 'es', 'de'] as const;

async function sourceFiles(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await sourceFiles(path)));
    else if (entry.name.endsWith('.ts')) found.push(path);
  }
  return found;
}

/**
 * The object literal that holds the text at `index`: from the brace before it to the brace that
 * closes it (the `${…}` of template strings balance their own braces).
 */
function objectLiteralAround(text: string, index: number): string {
  const start = text.lastIndexOf('{', index);
  let depth = 0;
  for (let at = start; at < text.length; at += 1) {
    if (text[at] === '{') depth += 1;
    else if (text[at] === '}' && --depth === 0) return text.slice(start, at + 1);
  }
  return text.slice(start);
}

/** Every `code: 'X'` of an error raised in electron/, with where it is and the object literal it opens. */
async function raisedCodes(): Promise<Array<{ code: string; where: string; literal: string }>> {
  const raised: Array<{ code: string; where: string; literal: string }> = [];
  for (const path of await sourceFiles(join(repoRoot, 'electron'))) {
    const text = await readFile(path, 'utf8');
    for (const match of text.matchAll(/\bcode: '([A-Z][A-Z_]+)'/g)) {
      const line = text.slice(0, match.index).split('\n').length;
      raised.push({ code: match[1]!, where: `${relative(repoRoot, path)}:${line}`, literal: objectLiteralAround(text, match.index) });
    }
  }
  return raised;
}

const errorText = (language: (typeof languages)[number], code: string): unknown =>
  (resources[language].translation as unknown as { errors: Record<string, unknown> }).errors[code];

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!);

describe('error codes and their texts', () => {
  it('every code of shared/errors.ts has a text in English, Spanish and German', () => {
    for (const language of languages) {
      for (const code of errorCodes) {
        expect(errorText(language, code), `${language}: errors.${code}`).toEqual(expect.stringMatching(/\S/));
      }
    }
  });

  it('every code raised in electron/ is one of shared/errors.ts, with a text in all three languages', async () => {
    const raised = await raisedCodes();
    // The scan finds what it is meant to find (file errors, missing items, refused files).
    expect(raised.map((error) => error.code)).toEqual(expect.arrayContaining(['UNREADABLE', 'NOT_FOUND', 'INVALID_FILE', 'FILE_TOO_LARGE']));
    for (const { code, where } of raised) {
      expect(errorCodes as readonly string[], where).toContain(code);
      for (const language of languages) expect(errorText(language, code), `${where}: ${language} errors.${code}`).toEqual(expect.stringMatching(/\S/));
    }
  });

  it('every error raised with a code whose text has placeholders gives them as parameters', async () => {
    const missing: string[] = [];
    for (const { code, where, literal } of await raisedCodes()) {
      const text = errorText('en', code);
      if (typeof text !== 'string') continue;
      for (const name of placeholders(text)) {
        // `params: { maxMb: … }`, `params: { path }` or `params: { path, reason: … }`.
        if (!new RegExp(`params: \\{[^}]*\\b${name}\\b`).test(literal)) missing.push(`${where}: ${code} without params.${name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
