/**
 * The report texts (templates/reports/{en,es,de}.json): the three files have the same keys and the
 * same placeholders, are translated, and hold every key the exporters and the model use.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refusalKinds } from '../../../../shared/consortium/refusals';
import { flattenTexts, placeholderPattern, reportTexts, type TextTree } from '../../../../shared/report/texts';
import { repoRoot, templatesDir } from '../../../support/paths';

const load = (language: string) => JSON.parse(readFileSync(join(templatesDir, 'reports', `${language}.json`), 'utf8')) as TextTree;
const english = flattenTexts(load('en'));
const placeholders = (text: string) => [...text.matchAll(placeholderPattern)].map((m) => m[1]).sort();

/** Texts rightly the same in every language. */
const same = new Set(['evidence.sha256', 'bands.provisional', 'auditReport.role', 'columns.id', 'readiness.discrepanciesOf', 'readiness.appendixOf', 'selfReport.subtitle', 'columns.notApplicable', 'columns.dimension', 'titlePage.status', 'columns.status', 'common.no', 'questionnaire.respondent.name', 'workbook.institution', 'consortium.sheets.audits', 'consortium.kinds.audit', 'consortium.columns.revision', 'consortium.columns.dimension']);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}

describe('report texts', () => {
  for (const language of ['es', 'de']) {
    const other = flattenTexts(load(language));

    it(`${language} has exactly the keys of English`, () => {
      expect([...other.keys()].sort()).toEqual([...english.keys()].sort());
    });

    it(`${language} keeps every placeholder of English`, () => {
      const mismatched = [...english].filter(([key, text]) => JSON.stringify(placeholders(other.get(key) ?? '')) !== JSON.stringify(placeholders(text)));
      expect(mismatched.map(([key]) => key)).toEqual([]);
    });

    it(`${language} is translated, not English left in place`, () => {
      const untranslated = [...english].filter(([key, text]) => !same.has(key) && text.length > 3 && other.get(key) === text);
      expect(untranslated.map(([key]) => key)).toEqual([]);
    });
  }

  it('holds every key the report model and the exporters name', () => {
    const used = new Set<string>();
    for (const file of [...sourceFiles(join(repoRoot, 'electron/export')), ...sourceFiles(join(repoRoot, 'shared/report'))]) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) used.add(match[1]!);
      for (const match of source.matchAll(/key: '([a-zA-Z][\w.-]*)'/g)) used.add(match[1]!);
    }
    // Keys built from values: every value they can take.
    for (const band of ['ready', 'conditional', 'not-ready']) used.add(`bands.${band}`);
    for (const basis of ['audit', 'self', 'none']) used.add(`basis.${basis}`).add(`readiness.basisExplained.${basis}`);
    for (const status of ['open', 'in-progress', 'done']) used.add(`actionStatus.${status}`);
    for (const flag of ['large-gap', 'critical-overrated', 'na-disputed']) used.add(`flags.${flag}`);
    for (const kind of ['self', 'audit']) for (const key of ['title', 'role', 'notice']) used.add(`${kind}Report.${key}`);
    for (const step of [1, 2, 3, 4, 5, 6]) used.add(`questionnaire.step${step}`);
    for (const field of ['name', 'role', 'email', 'date']) used.add(`questionnaire.respondent.${field}`);
    for (const band of ['ready', 'conditional', 'not-ready']) used.add(`consortium.bandShort.${band}`).add(`consortium.legend.band.${band}`);
    for (const check of ['registry', 'folder']) used.add(`consortium.keyCheck.${check}`);
    for (const status of ['complete', 'in-progress']) used.add(`consortium.status.${status}`);
    for (const validity of ['valid', 'expiring', 'expired']) used.add(`consortium.validity.${validity}`);
    for (const kind of ['self', 'audit']) used.add(`consortium.kinds.${kind}`);
    for (const basis of ['revision', 'issued-later', 'more-signatures', 'file-name']) used.add(`consortium.conflictBasis.${basis}`);
    for (const reason of ['relayed', 'unknown-framework', 'unknown-institution']) used.add(`consortium.notCounted.${reason}`);
    for (const kind of refusalKinds) used.add(`consortium.refusal.${kind}`);
    expect([...used].filter((key) => !english.has(key)).sort()).toEqual([]);
  });

  it('formats numbers and dates in the report language, and shows a missing figure as a dash', () => {
    const en = reportTexts('en', load('en'));
    const es = reportTexts('es', load('es'), load('en'));
    const de = reportTexts('de', load('de'), load('en'));
    expect(en.percent(74.5)).toBe('74.5%');
    expect(es.percent(74.5)).toBe('74,5 %');
    expect(de.percent(100)).toBe('100,0 %');
    expect(en.percent(null)).toBe('—');
    expect(en.date('2026-11-20')).toBe('20 November 2026');
    expect(es.date('2026-11-20T23:30:00.000Z')).toBe('20 de noviembre de 2026');
    expect(de.date('2026-11-20')).toBe('20. November 2026');
    expect(de.t('common.pageXofY', { page: 2, pages: 9 })).toBe('Seite 2 von 9');
  });

  it('falls back to English for a key a consortium left out, and marks a key missing everywhere', () => {
    const partial = reportTexts('de', { meta: { locale: 'de-DE' } }, load('en'));
    expect(partial.t('readiness.title')).toBe('Partnership readiness report');
    expect(partial.t('no.such.key')).toBe('[[no.such.key]]');
  });
});
