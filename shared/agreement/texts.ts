/**
 * The agreement's texts, one JSON file per language under `templates/agreements/`: the standard
 * clauses (with `{{placeholders}}` the builder fills from the agreement's content), the fragments
 * the builder chooses between (joint or separate controllers, with or without conditions…), and
 * the labels of the Word export. A lawyer edits these files, so they are checked strictly when
 * loaded: every clause and fragment present, ids unique, and only placeholders the builder knows —
 * an unknown one would otherwise end up, unfilled, in a text two rectors sign.
 *
 * Unlike the report texts, nothing falls back to English: a legal text in two languages at once is
 * worse than a clear error.
 */
import { z } from 'zod';
import { languageSchema } from '../framework/schema';
import { placeholderPattern } from '../report/texts';

/** Placeholders of clauses and fragments: the values `clauseParams` computes from the content. */
const clausePlaceholders = [
  'partyA',
  'partyB',
  'partyADetails',
  'partyBDetails',
  'signatoryA',
  'signatoryB',
  'frameworkId',
  'frameworkVersion',
  'decisionOutcome',
  'decisionDate',
  'fields',
  'ectsMin',
  'ectsMax',
  'eqfLevels',
  'qualityCommitmentIds',
  'qualityCommitmentCount',
  'reviewCycleMonths',
  'durationYears',
  'terminationNoticeMonths',
  'conditionCount',
  // Chosen from the fragments below, then filled.
  'recognitionCommitment',
  'controllerArrangement',
  'commitmentStatement',
  'conditionsStatement',
] as const;
export type ClausePlaceholder = (typeof clausePlaceholders)[number];

/** The pieces the builder puts together or chooses between. */
export const agreementFragmentKeys = [
  'partySeat',
  'partyErasmusCode',
  'partySchacCode',
  'signatoryWithRole',
  'outcomeReady',
  'outcomeConditional',
  'allFields',
  'recognitionMutual',
  'recognitionCaseByCase',
  'controllersJoint',
  'controllersSeparate',
  'commitmentsListed',
  'commitmentsNone',
  'conditionsOpen',
  'conditionsNone',
  'conditionsFulfilled',
] as const;

/** Placeholders that only the small fragments describing a party use. */
const fragmentOnlyPlaceholders = ['city', 'country', 'code', 'name', 'role'] as const;

/** Labels and sentences of the Word export (title page, tables, signature page). */
export const agreementDocumentKeys = [
  'kicker',
  'between',
  'pair',
  'partyLabelA',
  'partyLabelB',
  'framework',
  'frameworkValue',
  'decision',
  'decisionValue',
  'textDate',
  'exportedOn',
  'contentCode',
  'contentHash',
  'seals',
  'sealsNone',
  'sealsSummary',
  'sealsStale',
  'notice',
  'footer',
  'description',
  'clausesHeading',
  'conditionsNumber',
  'conditionsCondition',
  'conditionsParty',
  'conditionsCriterion',
  'conditionsDue',
  'conditionsNoDate',
  'conditionsNone',
  'annexHeading',
  'annexIntro',
  'annexCriterion',
  'annexTitle',
  'annexEstablished',
  'annexNone',
  'annexOtherVersion',
  'annexNoFramework',
  'annexUnknownCriterion',
  'signaturesHeading',
  'signaturesIntro',
  'sealStatementHeading',
  'sealStatement',
  'digitalSealsHeading',
  'forParty',
  'signatory',
  'institution',
  'noSeal',
  'sealSigner',
  'sealDate',
  'sealKey',
  'sealKeyCode',
  'sealContent',
  'sealStatus',
  'sealCovers',
  'sealNotCovers',
  'handwrittenHeading',
  'handwrittenIntro',
  'handwrittenFor',
  'handwrittenPlaceDate',
  'handwrittenSignature',
  'handwrittenName',
  'handwrittenRole',
] as const;

const documentPlaceholders = ['partyA', 'partyB', 'id', 'version', 'outcome', 'date', 'code', 'count', 'covering', 'stale', 'framework', 'agreed', 'party', 'institution'] as const;

const sentence = z.string().trim().min(1).max(6000);
/** One paragraph, or several (a fragment that stands for whole paragraphs of a clause). */
const paragraphs = z.union([sentence, z.array(sentence).min(1).max(40)]);

function keyed<const K extends readonly string[], T extends z.ZodType>(keys: K, value: T) {
  return z.strictObject(Object.fromEntries(keys.map((key) => [key, value])) as { [P in K[number]]: T });
}

const agreementTemplateClauseSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,60}$/),
  heading: z.string().trim().min(1).max(300),
  /** Paragraphs of the clause. One starting with "- " is an item of a list under the paragraph before it. */
  paragraphs: z.array(sentence).min(1).max(40),
});

export const agreementTextsSchema = z
  .strictObject({
    /** For the people who edit the file: what it is (a model text, not legal advice). Not used. */
    note: z.string().min(1).max(4000),
    format: z.literal('trustbridge-agreement-texts'),
    formatVersion: z.literal(1),
    language: languageSchema,
    /** BCP 47 locale for dates, numbers and lists (`en-GB`, `es-ES`, `de-DE`). */
    locale: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/),
    /** The agreement's default title. */
    title: z.string().trim().min(1).max(300),
    fragments: keyed(agreementFragmentKeys, paragraphs),
    clauses: z.array(agreementTemplateClauseSchema).min(1).max(100),
    document: keyed(agreementDocumentKeys, sentence),
  })
  .superRefine((texts, ctx) => {
    const seen = new Set<string>();
    texts.clauses.forEach((clause, index) => {
      if (seen.has(clause.id)) ctx.addIssue({ code: 'custom', path: ['clauses', index, 'id'], message: `duplicate clause id ${clause.id}` });
      seen.add(clause.id);
    });
    const check = (text: string, allowed: ReadonlySet<string>, path: Array<string | number>) => {
      for (const name of placeholdersIn(text)) {
        if (!allowed.has(name)) ctx.addIssue({ code: 'custom', path, message: `unknown placeholder {{${name}}}` });
      }
    };
    const clauseAllowed = new Set<string>(clausePlaceholders);
    const fragmentAllowed = new Set<string>([...clausePlaceholders, ...fragmentOnlyPlaceholders]);
    const documentAllowed = new Set<string>(documentPlaceholders);
    texts.clauses.forEach((clause, c) => {
      check(clause.heading, clauseAllowed, ['clauses', c, 'heading']);
      clause.paragraphs.forEach((text, p) => check(text, clauseAllowed, ['clauses', c, 'paragraphs', p]));
    });
    for (const key of agreementFragmentKeys) check(fragmentText(texts.fragments[key]), fragmentAllowed, ['fragments', key]);
    for (const key of agreementDocumentKeys) check(texts.document[key], documentAllowed, ['document', key]);
    check(texts.title, clauseAllowed, ['title']);
  });
export type AgreementTexts = z.infer<typeof agreementTextsSchema>;

/** The placeholder names a text uses, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(placeholderPattern)].map((match) => match[1]!))];
}

/** A fragment as clause text: several paragraphs become lines. */
export function fragmentText(fragment: string | readonly string[]): string {
  return typeof fragment === 'string' ? fragment : fragment.join('\n');
}
