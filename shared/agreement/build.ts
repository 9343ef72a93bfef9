/**
 * Drafts the partnership agreement from a partnership decided "ready" or "ready with conditions":
 * the parties and their legal representatives, a default scope, the open conditions of the
 * decision, and the standard clauses of `templates/agreements/<language>.json` filled from all of
 * that. Pure: the caller loads the templates, the institutions and the framework.
 *
 * Every clause is rendered from the content alone (`clauseParams`), so when the officers change the
 * scope or a signatory, `refillClauses` brings the clauses they have not edited by hand up to date,
 * and a clause a lawyer rewrote is left exactly as written.
 */
import { AppError } from '../errors';
import { criteriaOf, type Framework, type FrameworkRef, type Language } from '../framework/schema';
import type { Institution } from '../institution/schema';
import { fieldIssues } from '../ipc/zod-issues';
import type { Partnership } from '../partnership/schema';
import { cleanShortText, cleanText } from '../report/clean-text';
import { fillPlaceholders } from '../report/texts';
import {
  agreementContentSchema,
  type AgreementClause,
  type AgreementCondition,
  type AgreementContent,
  type AgreementParty,
  type AgreementScope,
  type AgreementSide,
} from './schema';
import { fragmentText, type AgreementTexts, type ClausePlaceholder } from './texts';

export { agreementContentHash, agreementVerificationCode, contentVerificationCode, signatureCoversContent } from './hash';

/**
 * The scope a new agreement starts from; the officers adjust it before anyone signs.
 * - ECTS 1–15: one credit (25–30 hours) is the smallest workload the ECTS Users' Guide makes
 *   meaningful and MicroHE's smallest module; 15 credits, a quarter of a full-time year, covers the
 *   module range MicroHE found (1–5) and the short learning programmes most partners offer, while
 *   keeping an automatic recognition commitment to units small enough to judge one by one. Partners
 *   who also exchange larger ones (the Dutch framework goes to 30) raise the maximum.
 * - EQF 5, 6, 7: the short, first and second cycles, where higher-education micro-credentials are
 *   offered; doctoral-level (8) ones are rare and usually handled apart.
 * - Joint controllers: a mutual audit and recognition decisions share learner data for a common
 *   purpose, which is the situation Art. 26 GDPR describes; the officers switch it off where each
 *   institution only ever uses its own copy.
 * - Review every 12 months, 3 years' duration, 6 months' notice: an annual joint review (ESG 1.9,
 *   the guide's GOV-07), a term shorter than the guide's typical 36-month validity of an
 *   assessment, and enough notice for learners enrolled to be informed and to plan.
 */
const defaultScopeValues = {
  mutualRecognition: true,
  fields: '',
  ectsMin: 1,
  ectsMax: 15,
  eqfLevels: [5, 6, 7],
  jointControllers: true,
  reviewCycleMonths: 12,
  durationYears: 3,
  terminationNoticeMonths: 6,
} as const satisfies Omit<AgreementScope, 'qualityCommitments'>;

/** The default scope: the values above, and the guide's critical criteria as quality commitments. */
export function defaultScope(framework: Pick<Framework, 'dimensions'>): AgreementScope {
  return {
    ...defaultScopeValues,
    eqfLevels: [...defaultScopeValues.eqfLevels],
    qualityCommitments: criteriaOf(framework)
      .filter((criterion) => criterion.critical)
      .map((criterion) => criterion.id),
  };
}

export interface AgreementDraftInput {
  /** The new agreement's id. */
  id: string;
  partnership: Partnership;
  /** The partnership's institutions: A the own institution, B the partner. */
  institutions: { A: Institution; B: Institution };
  /** The guide, in the agreement's language: its critical criteria become the quality commitments. */
  framework: Framework;
  /** The guide version the readiness decision rested on. */
  decisionRef: FrameworkRef;
  language: Language;
  /** The parsed clause template of that language. */
  texts: AgreementTexts;
  /** The parties' exchange ids (`tb-…`), where known. */
  exchangeIds?: { A?: string | null; B?: string | null };
  /**
   * Accepted for symmetry with the other builders, and deliberately unused: nothing in the content
   * depends on the clock, so the same partnership gives the same draft, and the same hash, whenever
   * it is built.
   */
  now?: Date;
}

export function buildAgreementDraft(input: AgreementDraftInput): AgreementContent {
  const { partnership, institutions, texts, language } = input;
  const decision = partnership.decision;
  if (!decision) {
    throw new AppError({
      code: 'CONFLICT',
      message: 'This partnership has no readiness decision yet. Record the decision (ready, or ready with conditions) before drafting the agreement.',
    });
  }
  if (decision.outcome === 'not-ready') {
    throw new AppError({
      code: 'CONFLICT',
      message: 'This partnership was decided “not ready”. An agreement can only be drafted from a partnership decided ready or ready with conditions.',
      params: { outcome: decision.outcome },
    });
  }
  assertTextsLanguage(texts, language);
  if (institutions.A.id !== partnership.institutionA || institutions.B.id !== partnership.institutionB) {
    throw new AppError({ code: 'INVALID_REQUEST', message: 'The institutions given are not the two institutions of this partnership.' });
  }
  const parties = {
    A: partyOf(institutions.A, input.exchangeIds?.A ?? null),
    B: partyOf(institutions.B, input.exchangeIds?.B ?? null),
  };
  const base = {
    parties,
    scope: defaultScope(input.framework),
    conditions: conditionsOf(partnership),
    framework: { id: input.decisionRef.id, version: input.decisionRef.version, fingerprint: input.decisionRef.fingerprint },
    decision: { outcome: decision.outcome, decidedAt: decision.decidedAt },
  };
  const params = clauseParams(base, texts);
  return validated({
    id: input.id,
    partnershipId: partnership.id,
    language,
    title: fillPlaceholders(texts.title, params),
    ...base,
    clauses: texts.clauses.map((clause) => renderClause(clause, params)),
  });
}

/**
 * Renders again, from the current content, every template clause not edited by hand: after the
 * scope, the parties or the conditions changed. Edited clauses, clauses a lawyer added (`custom-…`)
 * and the order of the clauses stay as they are; a template clause someone removed stays removed.
 */
export function refillClauses(content: AgreementContent, texts: AgreementTexts): AgreementContent {
  assertTextsLanguage(texts, content.language);
  const params = clauseParams(content, texts);
  const templates = new Map(texts.clauses.map((clause) => [clause.id, clause]));
  const clauses = content.clauses.map((clause) => {
    const template = templates.get(clause.id);
    return clause.edited || !template ? clause : renderClause(template, params);
  });
  return validated({ ...content, clauses });
}

/** The template clauses, freshly rendered from the content (to offer "restore the model text"). */
export function renderTemplateClauses(content: AgreementContent, texts: AgreementTexts): AgreementClause[] {
  assertTextsLanguage(texts, content.language);
  const params = clauseParams(content, texts);
  return texts.clauses.map((clause) => renderClause(clause, params));
}

type ParamSource = Pick<AgreementContent, 'parties' | 'scope' | 'conditions' | 'framework' | 'decision'>;

/** The value of every clause placeholder, in the template's language, from the content alone. */
export function clauseParams(content: ParamSource, texts: AgreementTexts): Record<ClausePlaceholder, string> {
  const { locale, fragments } = texts;
  const { scope, parties, decision } = content;
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, useGrouping: false });
  const list = new Intl.ListFormat(locale, { type: 'conjunction', style: 'long' });
  const fill = (fragment: string | readonly string[], params: Record<string, string>) => fillPlaceholders(fragmentText(fragment), params);

  const partyDetails = (party: AgreementParty) => {
    const country = countryName(party.country, locale);
    return [
      party.city.trim() ? fill(fragments.partySeat, { city: cleanText(party.city).trim(), country }) : country,
      ...(party.erasmusCode.trim() ? [fill(fragments.partyErasmusCode, { code: party.erasmusCode })] : []),
      ...(party.schacCode.trim() ? [fill(fragments.partySchacCode, { code: party.schacCode })] : []),
    ].join(', ');
  };
  const signatory = (party: AgreementParty) => {
    const name = cleanText(party.signatory.name).trim();
    const role = cleanText(party.signatory.role).trim();
    return role ? fill(fragments.signatoryWithRole, { name, role }) : name;
  };

  const base = {
    partyA: cleanText(parties.A.legalName).trim(),
    partyB: cleanText(parties.B.legalName).trim(),
    partyADetails: partyDetails(parties.A),
    partyBDetails: partyDetails(parties.B),
    signatoryA: signatory(parties.A),
    signatoryB: signatory(parties.B),
    frameworkId: content.framework.id,
    frameworkVersion: content.framework.version,
    decisionOutcome: fragmentText(decision.outcome === 'ready' ? fragments.outcomeReady : fragments.outcomeConditional),
    decisionDate: longDate(decision.decidedAt, locale),
    fields: cleanText(scope.fields).trim() || fragmentText(fragments.allFields),
    ectsMin: number.format(scope.ectsMin),
    ectsMax: number.format(scope.ectsMax),
    eqfLevels: list.format([...new Set(scope.eqfLevels)].sort((a, b) => a - b).map(String)),
    qualityCommitmentIds: list.format(scope.qualityCommitments),
    qualityCommitmentCount: String(scope.qualityCommitments.length),
    reviewCycleMonths: String(scope.reviewCycleMonths),
    durationYears: String(scope.durationYears),
    terminationNoticeMonths: String(scope.terminationNoticeMonths),
    conditionCount: String(content.conditions.length),
  };
  const conditionsFragment = content.conditions.length
    ? fragments.conditionsOpen
    : decision.outcome === 'ready'
      ? fragments.conditionsNone
      : fragments.conditionsFulfilled;
  return {
    ...base,
    recognitionCommitment: fill(scope.mutualRecognition ? fragments.recognitionMutual : fragments.recognitionCaseByCase, base),
    controllerArrangement: fill(scope.jointControllers ? fragments.controllersJoint : fragments.controllersSeparate, base),
    commitmentStatement: fill(scope.qualityCommitments.length ? fragments.commitmentsListed : fragments.commitmentsNone, base),
    conditionsStatement: fill(conditionsFragment, base),
  };
}

function renderClause(clause: AgreementTexts['clauses'][number], params: Record<string, string>): AgreementClause {
  return {
    id: clause.id,
    heading: fillPlaceholders(clause.heading, params),
    text: clause.paragraphs.map((paragraph) => fillPlaceholders(paragraph, params)).join('\n'),
    edited: false,
  };
}

function partyOf(institution: Institution, exchangeId: string | null): AgreementParty {
  return {
    institutionId: institution.id,
    exchangeId,
    legalName: institution.legalName,
    country: institution.country,
    city: institution.city,
    erasmusCode: institution.erasmusCode,
    schacCode: institution.schacCode,
    signatory: { name: institution.legalRepresentative.name, role: institution.legalRepresentative.role },
  };
}

/** The conditions of the decision that are still to be met, in the order of the action plan. */
export function conditionsOf(partnership: Partnership): AgreementCondition[] {
  return partnership.actions
    .filter((action) => action.isCondition && action.status !== 'done')
    .map((action) => ({
      actionId: action.id,
      text: cleanShortText(action.title, 1000),
      side: action.side satisfies AgreementSide,
      ...(action.criterionId ? { criterionId: action.criterionId } : {}),
      ...(action.dueDate ? { dueDate: action.dueDate } : {}),
    }));
}

function assertTextsLanguage(texts: AgreementTexts, language: Language): void {
  if (texts.language !== language) {
    throw new AppError({
      code: 'INVALID_REQUEST',
      message: `The clause texts are in "${texts.language}" but the agreement is in "${language}". Load the clause template of the agreement's language.`,
      params: { texts: texts.language, language },
    });
  }
}

function validated(content: AgreementContent): AgreementContent {
  const checked = agreementContentSchema.safeParse(content);
  if (!checked.success) {
    throw new AppError({
      code: 'VALIDATION',
      message: 'The agreement cannot be drafted: some of its data is not valid (see the fields named).',
      issues: fieldIssues(checked.error),
    });
  }
  return checked.data;
}

function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** `2026-11-23` or an ISO timestamp as a long date in the locale, read in UTC (as the reports do). */
function longDate(isoDate: string, locale: string): string {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(isoDate)?.[0];
  if (!day) return isoDate;
  const parsed = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? isoDate : new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(parsed);
}
