/**
 * The clause templates as shipped: valid, the same clauses and placeholders in every language, and
 * written in the formal register.
 */
import { describe, expect, it } from 'vitest';
import { agreementDocumentKeys, agreementFragmentKeys, agreementTextsSchema, fragmentText, placeholdersIn, type AgreementTexts } from '../../../../shared/agreement/texts';
import { agreementTexts, languages, rawAgreementTexts } from './fixtures';

const placeholderMap = (texts: AgreementTexts) => {
  const map: Record<string, string[]> = {};
  for (const clause of texts.clauses) map[`clause:${clause.id}`] = placeholdersIn([clause.heading, ...clause.paragraphs].join('\n')).sort();
  for (const key of agreementFragmentKeys) map[`fragment:${key}`] = placeholdersIn(fragmentText(texts.fragments[key])).sort();
  for (const key of agreementDocumentKeys) map[`document:${key}`] = placeholdersIn(texts.document[key]).sort();
  map['title'] = placeholdersIn(texts.title).sort();
  return map;
};

describe('agreement clause templates', () => {
  it.each(languages)('the %s file is valid and declares its own language', (language) => {
    const texts = agreementTexts(language);
    expect(texts.language).toBe(language);
    expect(texts.note).toMatch(/legal|jurídico|Rechtsberatung/i);
  });

  it('the three languages have the same clause ids, in the same order, and the same placeholders everywhere', () => {
    const [english, ...others] = languages.map(agreementTexts);
    for (const texts of others) {
      expect(texts!.clauses.map((clause) => clause.id), texts!.language).toEqual(english!.clauses.map((clause) => clause.id));
      expect(placeholderMap(texts!), texts!.language).toEqual(placeholderMap(english!));
    }
  });

  it('covers every subject the agreement must address', () => {
    expect(agreementTexts('en').clauses.map((clause) => clause.id)).toEqual([
      'parties',
      'definitions',
      'scope',
      'recognition',
      'quality-commitments',
      'quality-assurance',
      'transparency',
      'data-protection',
      'conditions',
      'review',
      'duration',
      'learner-protection',
      'final-provisions',
      'signatures',
    ]);
  });

  it('lists the eleven mandatory Annex I elements in every language', () => {
    for (const language of languages) {
      const transparency = agreementTexts(language).clauses.find((clause) => clause.id === 'transparency')!;
      expect(transparency.paragraphs.filter((paragraph) => paragraph.startsWith('- ')), language).toHaveLength(11);
    }
  });

  it('addresses the reader formally: no informal “tú” in Spanish, no “du” in German', () => {
    // Word boundaries by letters, not by JavaScript's ASCII \b (which splits "teórico" after "te").
    const informal = (language: 'es' | 'de', words: string) =>
      [...JSON.stringify(rawAgreementTexts(language)).matchAll(new RegExp(`(?<!\\p{L})(${words})(?!\\p{L})`, 'giu'))].map((match) => match[0]);
    expect(informal('es', 'tú|tus?|te|ti|puedes|debes|tienes')).toEqual([]);
    expect(informal('de', 'du|dich|dir|dein|deine[nmrs]?')).toEqual([]);
  });

  it('refuses a file with an unknown placeholder or a missing clause field', () => {
    const raw = rawAgreementTexts('en') as { clauses: Array<{ paragraphs: string[] }>; document: Record<string, string> };
    raw.clauses[0]!.paragraphs[0] = 'Between {{partyA}} and {{partyC}}.';
    const result = agreementTextsSchema.safeParse(raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toContain('unknown placeholder {{partyC}}');

    const missing = rawAgreementTexts('en') as { document: Record<string, string> };
    delete missing.document['sealStatement'];
    expect(agreementTextsSchema.safeParse(missing).success).toBe(false);
  });
});
