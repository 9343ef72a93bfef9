/**
 * What the agreement builder needs, made from the real templates (the guide and the clause texts
 * as shipped) and small factories for the rest: two institutions and a decided partnership.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { agreementTextsSchema, type AgreementTexts } from '../../../../shared/agreement/texts';
import { frameworkRef } from '../../../../shared/framework/fingerprint';
import { frameworkSchema, type Framework, type Language } from '../../../../shared/framework/schema';
import type { Institution } from '../../../../shared/institution/schema';
import type { ActionItem, Partnership } from '../../../../shared/partnership/schema';
import type { AgreementDraftInput } from '../../../../shared/agreement/build';
import { partnerProfile } from '../../../support/exchange-factories';
import { sampleProfile } from '../../../support/factories';
import { templatesDir } from '../../../support/paths';

export const languages: readonly Language[] = ['en', 'es', 'de'];

export function rawAgreementTexts(language: Language): unknown {
  return JSON.parse(readFileSync(join(templatesDir, 'agreements', `${language}.json`), 'utf8'));
}

export function agreementTexts(language: Language): AgreementTexts {
  return agreementTextsSchema.parse(rawAgreementTexts(language));
}

export function guide(language: Language): Framework {
  return frameworkSchema.parse(JSON.parse(readFileSync(join(templatesDir, 'frameworks', 'trustbridge-guide', `${language}.json`), 'utf8')));
}

const at = '2026-10-01T09:00:00.000Z';

export function institutionA(): Institution {
  return { ...sampleProfile(), id: 'inst-a', kind: 'own', createdAt: at, updatedAt: at };
}

export function institutionB(): Institution {
  return { ...partnerProfile(), id: 'inst-b', kind: 'partner', createdAt: at, updatedAt: at };
}

export function action(overrides: Partial<ActionItem> = {}): ActionItem {
  return {
    id: 'action-1',
    title: 'Sign a joint-controller arrangement (Art. 26 GDPR) for learner data',
    criterionId: 'DAT-01',
    side: 'B',
    owner: 'Lukas Weber',
    dueDate: '2027-03-31',
    status: 'open',
    isCondition: true,
    notes: '',
    ...overrides,
  };
}

/** A condition with no due date and no linked criterion: both are optional in the plan. */
function withoutDateAndCriterion(item: ActionItem): ActionItem {
  const { dueDate: _dueDate, criterionId: _criterionId, ...rest } = item;
  return rest;
}

export function decidedPartnership(overrides: Partial<Partnership> = {}): Partnership {
  return {
    schemaVersion: 1,
    id: 'partnership-1',
    title: 'Ejemplo – Musterstadt 2026',
    institutionA: 'inst-a',
    institutionB: 'inst-b',
    assessments: {},
    decision: { outcome: 'conditional', rationale: 'Ready once the data-protection arrangement is signed.', decidedBy: 'Jordi Puig', decidedAt: '2026-11-12T10:30:00.000Z' },
    actions: [
      action(),
      action({ id: 'action-2', title: 'Publish the micro-credential QA policy', criterionId: 'IQA-01', side: 'A', dueDate: '2027-01-31', status: 'in-progress' }),
      action({ id: 'action-3', title: 'Register the agency report in DEQAR', criterionId: 'LEG-02', side: 'A', status: 'done' }),
      action({ id: 'action-4', title: 'Translate the course catalogue', criterionId: 'DES-06', side: 'B', isCondition: false }),
      withoutDateAndCriterion(action({ id: 'action-5', title: 'Agree the stacking rules with the faculty board', side: 'A' })),
    ],
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export function draftInput(language: Language = 'en', overrides: Partial<AgreementDraftInput> = {}): AgreementDraftInput {
  const framework = guide(language);
  return {
    id: 'agreement-1',
    partnership: decidedPartnership(),
    institutions: { A: institutionA(), B: institutionB() },
    framework,
    decisionRef: frameworkRef(guide('en')),
    language,
    texts: agreementTexts(language),
    now: new Date('2026-11-23T09:00:00.000Z'),
    ...overrides,
  };
}
