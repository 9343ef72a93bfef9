/**
 * The agreement builder: a draft from a decided partnership, its defaults, its refusals, the
 * conditions taken from the action plan, refilling clauses after a change, and the content hash.
 */
import { describe, expect, it } from 'vitest';
import { agreementContentHash, agreementVerificationCode, buildAgreementDraft, conditionsOf, defaultScope, refillClauses } from '../../../../shared/agreement/build';
import { agreementContentSchema, type AgreementContent } from '../../../../shared/agreement/schema';
import { AppError } from '../../../../shared/errors';
import { criteriaOf } from '../../../../shared/framework/schema';
import { agreementTexts, decidedPartnership, draftInput, guide, languages } from './fixtures';

const clause = (content: AgreementContent, id: string) => content.clauses.find((item) => item.id === id)!;

/** The same value with every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([key, item]) => [key, reversedKeys(item)]));
}

describe('buildAgreementDraft', () => {
  it('given a partnership ready with conditions, drafts a valid agreement with the legal representatives as signatories and the default scope', () => {
    const content = buildAgreementDraft(draftInput('en'));
    expect(agreementContentSchema.safeParse(content).success).toBe(true);
    expect(content).toMatchObject({ id: 'agreement-1', partnershipId: 'partnership-1', language: 'en', title: 'Agreement on micro-credentials' });
    expect(content.parties.A).toMatchObject({ institutionId: 'inst-a', exchangeId: null, legalName: 'Universidad de Ejemplo', country: 'ES', signatory: { name: 'Dra. Elena Martín', role: 'Rectora' } });
    expect(content.parties.B).toMatchObject({ legalName: 'Hochschule Musterstadt', schacCode: 'hs-musterstadt.de', signatory: { name: 'Prof. Dr. Anna Schmidt', role: 'Präsidentin' } });
    const critical = criteriaOf(guide('en')).filter((criterion) => criterion.critical).map((criterion) => criterion.id);
    expect(content.scope).toEqual({
      mutualRecognition: true,
      fields: '',
      ectsMin: 1,
      ectsMax: 15,
      eqfLevels: [5, 6, 7],
      qualityCommitments: critical,
      jointControllers: true,
      reviewCycleMonths: 12,
      durationYears: 3,
      terminationNoticeMonths: 6,
    });
    expect(critical).toContain('DAT-01');
    expect(content.decision).toEqual({ outcome: 'conditional', decidedAt: '2026-11-12T10:30:00.000Z' });
    expect(content.framework.id).toBe('trustbridge-guide');
    expect(content.clauses.every((item) => !item.edited)).toBe(true);
  });

  it('takes the exchange ids of the parties when they are known', () => {
    const content = buildAgreementDraft(draftInput('en', { exchangeIds: { B: 'tb-5b7c1d2e-0000-4000-8000-000000000001' } }));
    expect(content.parties.A.exchangeId).toBeNull();
    expect(content.parties.B.exchangeId).toBe('tb-5b7c1d2e-0000-4000-8000-000000000001');
  });

  it.each(languages)('fills every placeholder of every clause (%s)', (language) => {
    const content = buildAgreementDraft(draftInput(language));
    for (const item of content.clauses) {
      expect(item.text, `${language} ${item.id}`).not.toContain('{{');
      expect(item.heading).not.toContain('{{');
    }
    expect(content.title).not.toContain('{{');
    expect(clause(content, 'parties').text).toContain('Universidad de Ejemplo');
    expect(clause(content, 'parties').text).toContain('Prof. Dr. Anna Schmidt');
  });

  it('writes the scope, the parties and the decision into the clauses in the agreement’s language', () => {
    const en = buildAgreementDraft(draftInput('en'));
    expect(clause(en, 'parties').text).toContain('Universidad de Ejemplo, Valencia, Spain, Erasmus code E  VALENCI99, SCHAC code uni-ejemplo.es, represented by Dra. Elena Martín, Rectora');
    expect(clause(en, 'parties').text).toContain('On 12 November 2026 the parties recorded the readiness decision “ready with conditions”.');
    expect(clause(en, 'scope').text).toContain('at least 1 and at most 15 ECTS credits');
    expect(clause(en, 'scope').text).toContain('EQF levels: 5, 6 and 7');
    expect(clause(en, 'quality-commitments').text).toMatch(/each of the \d+ criteria of the Guide listed in Annex 1 \(LEG-01, LEG-02, .* and DAT-01\)/);
    expect(clause(en, 'data-protection').text).toContain('joint controllers within the meaning of Article 26');
    expect(clause(en, 'review').text).toContain('every 12 months');
    expect(clause(en, 'duration').text).toContain('for a period of 3 years');
    expect(clause(en, 'duration').text).toContain('with effect 6 months after the notice');

    const de = buildAgreementDraft(draftInput('de'));
    expect(clause(de, 'parties').text).toContain('Hochschule Musterstadt, Musterstadt (Deutschland)');
    expect(clause(de, 'parties').text).toContain('Am 12. November 2026');
    expect(clause(de, 'scope').text).toContain('5, 6 und 7');
    const es = buildAgreementDraft(draftInput('es'));
    expect(clause(es, 'parties').text).toContain('Valencia (España)');
    expect(clause(es, 'parties').text).toContain('«preparada con condiciones»');
  });

  it('takes the conditions from the action plan: conditions not done, in plan order, with side, criterion and due date', () => {
    const content = buildAgreementDraft(draftInput('en'));
    expect(content.conditions).toEqual([
      { actionId: 'action-1', text: 'Sign a joint-controller arrangement (Art. 26 GDPR) for learner data', side: 'B', criterionId: 'DAT-01', dueDate: '2027-03-31' },
      { actionId: 'action-2', text: 'Publish the micro-credential QA policy', side: 'A', criterionId: 'IQA-01', dueDate: '2027-01-31' },
      { actionId: 'action-5', text: 'Agree the stacking rules with the faculty board', side: 'A' },
    ]);
    // The done condition (action-3) and the action that is no condition (action-4) are left out.
    expect(clause(content, 'conditions').text).toContain('(3 in total)');
  });

  it('brings the conditions up to date from a changed plan with conditionsOf', () => {
    const base = decidedPartnership();
    const plan = { ...base, actions: base.actions.map((item) => (item.id === 'action-1' ? { ...item, status: 'done' as const } : item)) };
    expect(conditionsOf(plan).map((condition) => condition.actionId)).toEqual(['action-2', 'action-5']);
  });

  it('says that there are no conditions when the partnership was decided ready without any', () => {
    const partnership = decidedPartnership({
      decision: { outcome: 'ready', rationale: 'All criteria met.', decidedBy: 'Jordi Puig', decidedAt: '2026-11-12T10:30:00.000Z' },
      actions: [],
    });
    const content = buildAgreementDraft(draftInput('en', { partnership }));
    expect(content.conditions).toEqual([]);
    expect(clause(content, 'conditions').text).toBe('The readiness decision “ready” of 12 November 2026 was taken without conditions.');
  });

  it('says that every condition was fulfilled when the plan’s conditions are all done', () => {
    const base = decidedPartnership();
    const partnership = { ...base, actions: base.actions.map((item) => ({ ...item, status: 'done' as const })) };
    const content = buildAgreementDraft(draftInput('en', { partnership }));
    expect(content.conditions).toEqual([]);
    expect(clause(content, 'conditions').text).toContain('all of which had been fulfilled');
  });

  it('refuses a partnership without a decision, with a message that says what to do', () => {
    const { decision: _none, ...undecided } = decidedPartnership();
    const attempt = () => buildAgreementDraft(draftInput('en', { partnership: undecided }));
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(/no readiness decision yet\. Record the decision/);
  });

  it('refuses a partnership decided not ready', () => {
    const partnership = decidedPartnership({ decision: { outcome: 'not-ready', rationale: 'Blockers remain.', decidedBy: 'Jordi Puig', decidedAt: '2026-11-12T10:30:00.000Z' } });
    let error: unknown;
    try {
      buildAgreementDraft(draftInput('en', { partnership }));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('decided “not ready”') });
  });

  it('refuses clause texts of another language and institutions of another partnership', () => {
    expect(() => buildAgreementDraft(draftInput('en', { texts: agreementTexts('de') }))).toThrow(/clause texts are in "de"/);
    const input = draftInput('en');
    expect(() => buildAgreementDraft({ ...input, institutions: { A: input.institutions.B, B: input.institutions.A } })).toThrow(/not the two institutions/);
  });

  it('defaults the quality commitments to the critical criteria of the guide given', () => {
    const framework = guide('en');
    expect(defaultScope(framework).qualityCommitments).toEqual(criteriaOf(framework).filter((item) => item.critical).map((item) => item.id));
  });
});

describe('refillClauses', () => {
  it('after the scope changes, renders again the clauses not edited by hand and keeps the edited ones word for word', () => {
    const texts = agreementTexts('en');
    const draft = buildAgreementDraft(draftInput('en'));
    const lawyerText = 'The parties recognise each other’s micro-credentials as agreed by their examination boards.';
    const edited: AgreementContent = {
      ...draft,
      scope: { ...draft.scope, ectsMax: 30, eqfLevels: [6], jointControllers: false, fields: 'Engineering; data science' },
      parties: { ...draft.parties, B: { ...draft.parties.B, signatory: { name: 'Dr. Jonas Keller', role: 'Vizepräsident' } } },
      clauses: [
        ...draft.clauses.map((item) => (item.id === 'recognition' ? { ...item, text: lawyerText, edited: true } : item)),
        { id: 'custom-governing-law', heading: 'Governing law', text: 'This agreement is governed by Spanish law.', edited: true },
      ],
    };
    const refilled = refillClauses(edited, texts);
    expect(clause(refilled, 'recognition')).toEqual({ ...clause(draft, 'recognition'), text: lawyerText, edited: true });
    expect(clause(refilled, 'custom-governing-law').text).toBe('This agreement is governed by Spanish law.');
    expect(clause(refilled, 'scope').text).toContain('at most 30 ECTS credits');
    expect(clause(refilled, 'scope').text).toContain('EQF levels: 6;');
    expect(clause(refilled, 'scope').text).toContain('fields of study: Engineering; data science;');
    expect(clause(refilled, 'data-protection').text).toContain('separate controller');
    expect(clause(refilled, 'data-protection').text).not.toContain('Article 26');
    expect(clause(refilled, 'parties').text).toContain('represented by Dr. Jonas Keller, Vizepräsident');
    expect(refilled.clauses.map((item) => item.id)).toEqual(edited.clauses.map((item) => item.id));
  });

  it('leaves a template clause that was removed out', () => {
    const draft = buildAgreementDraft(draftInput('en'));
    const without = { ...draft, clauses: draft.clauses.filter((item) => item.id !== 'final-provisions') };
    expect(refillClauses(without, agreementTexts('en')).clauses.some((item) => item.id === 'final-provisions')).toBe(false);
  });

  it('changes nothing when nothing changed', () => {
    const draft = buildAgreementDraft(draftInput('es'));
    expect(refillClauses(draft, agreementTexts('es'))).toEqual(draft);
  });
});

describe('agreementContentHash', () => {
  const draft = buildAgreementDraft(draftInput('en'));
  const hash = agreementContentHash(draft);

  it('is a SHA-256 in hex with a twelve-digit verification code in groups of four', () => {
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(agreementVerificationCode(draft)).toBe(`${hash.slice(0, 4)} ${hash.slice(4, 8)} ${hash.slice(8, 12)}`);
  });

  it('does not depend on key order', () => {
    expect(agreementContentHash(reversedKeys(draft) as AgreementContent)).toBe(hash);
    expect(agreementContentHash(structuredClone(draft))).toBe(hash);
  });

  it('changes with any change of the content', () => {
    const changes: AgreementContent[] = [
      { ...draft, title: `${draft.title} ` },
      { ...draft, scope: { ...draft.scope, ectsMax: 16 } },
      { ...draft, scope: { ...draft.scope, eqfLevels: [5, 6] } },
      { ...draft, scope: { ...draft.scope, jointControllers: false } },
      { ...draft, parties: { ...draft.parties, A: { ...draft.parties.A, signatory: { name: 'Dra. Elena Martín', role: 'Vicerrectora' } } } },
      { ...draft, conditions: draft.conditions.slice(1) },
      { ...draft, clauses: draft.clauses.map((item, i) => (i === 3 ? { ...item, text: item.text.replace('Each party', 'Every party') } : item)) },
      { ...draft, clauses: draft.clauses.map((item, i) => (i === 0 ? { ...item, edited: true } : item)) },
      { ...draft, clauses: [...draft.clauses].reverse() },
      { ...draft, decision: { ...draft.decision, decidedAt: '2026-11-13T10:30:00.000Z' } },
    ];
    const hashes = new Set(changes.map(agreementContentHash));
    expect(hashes.size).toBe(changes.length);
    expect(hashes.has(hash)).toBe(false);
  });

  it('is the same whenever the draft is built from the same partnership', () => {
    expect(agreementContentHash(buildAgreementDraft(draftInput('en', { now: new Date('2030-01-01T00:00:00Z') })))).toBe(hash);
  });
});
