/**
 * The one IPC contract between the renderer and the main process. Every channel the app has is
 * here, with its request schema and its answer type; the preload builds `window.api` from it and
 * the main process registers one handler per channel from it. Channel names are `area.action`.
 */
import { z } from 'zod';
import type { Answer } from '../assessment/answer';
import type { CarryPlan } from '../assessment/carry-over';
import { answerPatchSchema } from '../assessment/patch';
import { assessmentKinds, type Assessment, type HistoryEntry } from '../assessment/schema';
import type { AssessmentSummary } from '../assessment/summary';
import type { FrameworkListItem } from '../framework/catalog';
import type { FrameworkDiff } from '../framework/diff';
import { frameworkIdPattern, frameworkSchema, frameworkVersionPattern, languageSchema, profileIdPattern, type Framework } from '../framework/schema';
import { institutionProfileSchema, type Institution } from '../institution/schema';
import { actionItemSchema, decisionOutcomes, type Partnership } from '../partnership/schema';
import type { PartnershipSummary } from '../partnership/summary';
import { settingsPatchSchema, type Settings } from '../settings';
import type { FilePreview, KeyStatus } from '../exchange/app';
import type { InboxView } from '../exchange/inbox';
import type { ConsortiumModel } from '../consortium/model';
import type { HomeOverview } from '../home/overview';
import { agreementScopeSchema } from '../agreement/content';
import type { AgreementSummary } from '../agreement/summary';
import type { AgreementView } from '../agreement/view';
import type { StoreNotice } from '../store/notices';
import { channel } from './channel';
import { reliabilityContract } from './reliability-contract';
import { teamContract } from './team-contract';

const none = z.strictObject({});
const id = z.string().min(1).max(80);
const byId = z.strictObject({ id });
const criterionId = z.string().regex(/^[A-Z]{2,4}-\d{2}$/);
const profileIdSchema = z.string().regex(profileIdPattern);
const text = (max: number) => z.string().max(max, { error: 'validation.tooLong' });

export interface AppInfo {
  name: string;
  version: string;
  dataDir: string;
  platform: string;
  /** The operating system's language, used when the user has not chosen one. */
  systemLocale: string;
}

export interface InstitutionListItem {
  id: string;
  kind: Institution['kind'];
  legalName: string;
  country: string;
  city: string;
  erasmusCode: string;
  /** The id its TrustBridge signs exchange files with, once a file from it was imported. */
  exchangeId: string | null;
  updatedAt: string;
}

/** An assessment with what it takes to show it: its framework, and for an audit the partner's self-assessment. */
export interface AssessmentView {
  assessment: Assessment;
  framework: Framework;
  reviewed?: Assessment;
}

/** What saving one answer returns: the answer as stored and the assessment's new summary. */
export interface AnswerSaved {
  answer: Answer;
  summary: AssessmentSummary;
  updatedAt: string;
}

export interface PartnershipView {
  partnership: Partnership;
  institutionA: Institution;
  institutionB: Institution;
  assessments: Partial<Record<keyof Partnership['assessments'], Assessment>>;
  /** The framework the partnership's assessments were made with (they must share its structure). */
  framework: Framework | null;
}

const httpUrl = z
  .string()
  .trim()
  .max(2000, { error: 'validation.tooLong' })
  .refine((value) => /^https?:\/\/[^\s]+$/i.test(value), { error: 'validation.url' });

const slot = z.enum(['selfA', 'selfB', 'auditOfB', 'auditOfA']);

/** What a questionnaire import would store, for the user to accept or refuse. */
export interface QuestionnairePreviewView {
  token: string;
  fileName: string;
  framework: { title: string; version: string; match: 'exact' | 'translation' | 'mapped'; madeFor: { id: string; version: string } | null };
  subject: { legalName: string };
  respondent: { name: string; role: string; email: string; date: string };
  /** Each problem with its code and values (the interface words it in the user's language) and its English text. */
  problems: Array<{ row: number | null; column: string | null; severity: 'error' | 'warning'; code: string; params: Record<string, string | number>; problem: string; whatToDo: string }>;
  canAccept: boolean;
  counts: { rows: number; rated: number; notApplicable: number; unanswered: number; ignored: number };
  score: { overall: number | null; band: 'ready' | 'conditional' | 'not-ready'; complete: boolean; answered: number; total: number };
}

const reportLanguage = z.strictObject({ id, language: languageSchema });
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
/** At least 10 characters: the passphrase protects the institution's signing key. */
const passphrase = z.string().min(10, { error: 'validation.passphrase' }).max(1000, { error: 'validation.tooLong' });
/** Only exchange files may be named by the renderer (dropped or double-clicked). */
const exchangePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((value) => value.toLowerCase().endsWith('.trustbridge'), { error: 'validation.exchangeFile' });

export interface PartnerKeysView {
  exchangeId: string;
  institutionName: string;
  keys: Array<{ fingerprint: string; displayFingerprint: string; verificationCode: string; status: 'unconfirmed' | 'confirmed' | 'retired'; firstSeen: string; lastSeen: string; source: string }>;
  events: Array<{ at: string; kind: string; fingerprint: string; by?: string | undefined }>;
}

const signatory = z.strictObject({ name: z.string().max(200, { error: 'validation.tooLong' }), role: z.string().max(200, { error: 'validation.tooLong' }) });
const agreementEdit = z.strictObject({
  title: z.string().max(300, { error: 'validation.tooLong' }),
  signatories: z.strictObject({ A: signatory, B: signatory }),
  scope: agreementScopeSchema,
  clauses: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z][a-z0-9-]{1,60}$/),
        heading: z.string().max(300, { error: 'validation.tooLong' }),
        text: z.string().max(20000, { error: 'validation.tooLong' }),
      }),
    )
    .min(1)
    .max(200),
});

/** A named person as Settings lists them (see electron/services/personal-data.ts). */
export interface PersonView {
  key: string;
  name: string;
  emails: string[];
  categories: string[];
  /** How many places name the person, and in which documents. */
  places: number;
  documents: string[];
}

export interface ErasureView {
  placesChanged: number;
  documentsChanged: number;
  copiesChanged: number;
  remainingCopies: string[];
}

export const contract = {
  'app.info': channel(none).returns<AppInfo>(),
  /** Exchange files opened with the app and not yet taken; each is given once. */
  'app.openedFiles': channel(none).returns<string[]>(),

  'settings.get': channel(none).returns<Settings>(),
  'settings.update': channel(settingsPatchSchema).returns<Settings>(),

  'store.notices': channel(none).returns<StoreNotice[]>(),
  'store.dismissNotice': channel(byId).returns<null>(),

  'home.overview': channel(z.strictObject({ today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), rows: z.number().int().min(1).max(100) })).returns<HomeOverview>(),

  'institutions.getOwn': channel(none).returns<Institution | null>(),
  'institutions.saveOwn': channel(institutionProfileSchema).returns<Institution>(),
  'institutions.list': channel(none).returns<InstitutionListItem[]>(),
  'institutions.get': channel(byId).returns<Institution>(),
  'institutions.createPartner': channel(institutionProfileSchema).returns<Institution>(),
  'institutions.updatePartner': channel(z.strictObject({ id, profile: institutionProfileSchema })).returns<Institution>(),
  'institutions.removePartner': channel(byId).returns<null>(),

  'frameworks.list': channel(none).returns<FrameworkListItem[]>(),
  'frameworks.get': channel(z.strictObject({ key: id, language: languageSchema.optional() })).returns<{ item: FrameworkListItem; framework: Framework }>(),
  'frameworks.clone': channel(
    z.strictObject({
      key: id,
      language: languageSchema,
      id: z.string().regex(frameworkIdPattern, { error: 'validation.frameworkId' }),
      title: z.string().trim().min(1, { error: 'validation.required' }).max(200, { error: 'validation.tooLong' }),
      version: z.string().regex(frameworkVersionPattern, { error: 'validation.frameworkVersion' }),
    }),
  ).returns<FrameworkListItem>(),
  'frameworks.updateDraft': channel(z.strictObject({ key: id, framework: frameworkSchema })).returns<FrameworkListItem>(),
  'frameworks.publish': channel(z.strictObject({ key: id })).returns<FrameworkListItem>(),
  'frameworks.removeDraft': channel(z.strictObject({ key: id })).returns<null>(),
  'frameworks.export': channel(z.strictObject({ key: id, language: languageSchema.optional() })).returns<{ path: string } | null>(),
  'frameworks.import': channel(none).returns<FrameworkListItem | null>(),
  'frameworks.diff': channel(z.strictObject({ olderKey: id, newerKey: id, language: languageSchema.optional() })).returns<FrameworkDiff>(),

  'assessments.list': channel(none).returns<AssessmentSummary[]>(),
  'assessments.view': channel(z.strictObject({ id, language: languageSchema.optional() })).returns<AssessmentView>(),
  'assessments.create': channel(
    z.strictObject({
      kind: z.enum(assessmentKinds),
      subjectId: id,
      frameworkKey: id,
      language: languageSchema,
      title: z.string().trim().min(1, { error: 'validation.required' }).max(200, { error: 'validation.tooLong' }),
      reviewsAssessmentId: id.optional(),
      /** The cooperation profile, one of the framework's profiles. */
      profileId: z.string().regex(profileIdPattern).optional(),
    }),
  ).returns<Assessment>(),
  'assessments.startFromPrevious': channel(
    z.strictObject({
      fromId: id,
      frameworkKey: id.optional(),
      language: languageSchema.optional(),
      title: z.string().trim().min(1, { error: 'validation.required' }).max(200, { error: 'validation.tooLong' }),
      profileId: profileIdSchema.optional(),
    }),
  ).returns<Assessment>(),
  'assessments.previewCarryOver': channel(
    z.strictObject({ fromId: id, frameworkKey: id.optional(), language: languageSchema.optional(), profileId: profileIdSchema.optional() }),
  ).returns<CarryPlan>(),
  'assessments.saveAnswer': channel(z.strictObject({ id, criterionId, patch: answerPatchSchema })).returns<AnswerSaved>(),
  'assessments.rename': channel(z.strictObject({ id, title: text(200) })).returns<AssessmentSummary>(),
  'assessments.addEvidenceLink': channel(z.strictObject({ id, criterionId, label: text(300), url: httpUrl })).returns<AnswerSaved>(),
  'assessments.addEvidenceFiles': channel(z.strictObject({ id, criterionId })).returns<AnswerSaved | null>(),
  'assessments.removeEvidence': channel(z.strictObject({ id, criterionId, evidenceId: id })).returns<AnswerSaved>(),
  'assessments.openEvidence': channel(z.strictObject({ id, criterionId, evidenceId: id })).returns<null>(),
  'assessments.complete': channel(byId).returns<AssessmentSummary>(),
  'assessments.reopen': channel(byId).returns<AssessmentSummary>(),
  'assessments.remove': channel(byId).returns<null>(),
  'assessments.revisions': channel(z.strictObject({ seriesId: id })).returns<AssessmentSummary[]>(),
  'assessments.history': channel(byId).returns<HistoryEntry[]>(),

  'partnerships.list': channel(none).returns<PartnershipSummary[]>(),
  'partnerships.view': channel(z.strictObject({ id, language: languageSchema.optional() })).returns<PartnershipView>(),
  'partnerships.create': channel(
    z.strictObject({
      partnerId: id,
      title: z.string().trim().min(1, { error: 'validation.required' }).max(200, { error: 'validation.tooLong' }),
      profileId: profileIdSchema.optional(),
    }),
  ).returns<Partnership>(),
  'partnerships.link': channel(z.strictObject({ id, slot, assessmentId: id.nullable() })).returns<Partnership>(),
  'partnerships.decide': channel(z.strictObject({ id, outcome: z.enum(decisionOutcomes), rationale: text(20000) })).returns<Partnership>(),
  'partnerships.saveAction': channel(z.strictObject({ id, action: actionItemSchema.extend({ id: id.optional() }) })).returns<Partnership>(),
  'partnerships.removeAction': channel(z.strictObject({ id, actionId: id })).returns<Partnership>(),
  'partnerships.remove': channel(byId).returns<null>(),

  'agreements.list': channel(none).returns<AgreementSummary[]>(),
  'agreements.forPartnership': channel(byId).returns<AgreementSummary[]>(),
  'agreements.view': channel(byId).returns<AgreementView>(),
  'agreements.create': channel(z.strictObject({ partnershipId: id, language: languageSchema })).returns<AgreementSummary>(),
  'agreements.update': channel(z.strictObject({ id, edit: agreementEdit })).returns<AgreementView>(),
  'agreements.refreshConditions': channel(byId).returns<AgreementView>(),
  'agreements.sign': channel(byId).returns<AgreementView>(),
  'agreements.amend': channel(byId).returns<AgreementView>(),
  'agreements.exportFile': channel(byId).returns<{ path: string } | null>(),
  'agreements.exportWord': channel(reportLanguage).returns<{ path: string } | null>(),
  'agreements.remove': channel(byId).returns<null>(),

  'exports.assessmentReport': channel(reportLanguage).returns<{ path: string } | null>(),
  'exports.readinessReport': channel(reportLanguage).returns<{ path: string } | null>(),
  'exports.brief': channel(reportLanguage).returns<{ path: string } | null>(),
  'exports.workbook': channel(z.strictObject({ id, language: languageSchema, of: z.enum(['assessment', 'partnership']) })).returns<{ path: string } | null>(),
  'exports.questionnaire': channel(z.strictObject({ partnerId: id, frameworkKey: id, language: languageSchema })).returns<{ path: string } | null>(),
  'imports.questionnairePreview': channel(none).returns<QuestionnairePreviewView | null>(),
  'imports.questionnaireAccept': channel(z.strictObject({ token: z.string().min(1).max(80) })).returns<AssessmentSummary>(),
  'consortium.model': channel(z.strictObject({ language: languageSchema, today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) })).returns<ConsortiumModel>(),
  'consortium.exportWorkbook': channel(z.strictObject({ language: languageSchema, today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) })).returns<{ path: string } | null>(),
  'consortium.exportSummary': channel(z.strictObject({ language: languageSchema, today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) })).returns<{ path: string } | null>(),

  'inbox.view': channel(none).returns<InboxView>(),
  'inbox.chooseFolder': channel(none).returns<InboxView | null>(),
  'inbox.clearFolder': channel(none).returns<InboxView>(),
  'inbox.check': channel(none).returns<InboxView>(),
  'inbox.accept': channel(z.strictObject({ sha256 })).returns<{ added: number; view: InboxView }>(),
  'inbox.acceptAll': channel(none).returns<{ added: number; files: number; view: InboxView }>(),
  'inbox.refuse': channel(z.strictObject({ sha256 })).returns<InboxView>(),
  'inbox.acceptChangedKey': channel(z.strictObject({ sha256 })).returns<InboxView>(),
  'exchange.publish': channel(z.strictObject({ assessmentIds: z.array(id).max(500).optional(), partnershipIds: z.array(id).max(100).optional() })).returns<{ path: string }>(),
  'agreements.publish': channel(byId).returns<{ path: string }>(),
  'data.backup': channel(none).returns<{ path: string; files: number } | null>(),
  'data.restore': channel(none).returns<{ dataDir: string; files: number } | null>(),
  'personalData.list': channel(none).returns<PersonView[]>(),
  'personalData.export': channel(none).returns<{ path: string } | null>(),
  'personalData.erase': channel(z.strictObject({ key: z.string().min(1).max(400) })).returns<ErasureView>(),
  'files.showInFolder': channel(z.strictObject({ path: z.string().min(1).max(4096) })).returns<null>(),

  'keys.status': channel(none).returns<KeyStatus>(),
  'keys.create': channel(z.strictObject({ passphrase: passphrase.optional() })).returns<KeyStatus>(),
  'keys.unlock': channel(z.strictObject({ passphrase: z.string().max(1000) })).returns<KeyStatus>(),
  'keys.replace': channel(z.strictObject({ passphrase: passphrase.optional() })).returns<KeyStatus>(),
  'keys.exportPublic': channel(none).returns<{ path: string } | null>(),
  'keys.backup': channel(z.strictObject({ passphrase })).returns<{ path: string } | null>(),
  'keys.restore': channel(z.strictObject({ backupPassphrase: z.string().max(1000), newPassphrase: passphrase.optional() })).returns<KeyStatus | null>(),
  'partnerKeys.list': channel(none).returns<PartnerKeysView[]>(),
  'partnerKeys.confirm': channel(z.strictObject({ exchangeId: z.string().min(1).max(128), fingerprint: z.string().regex(/^[0-9a-f]{64}$/) })).returns<null>(),

  'exchange.export': channel(z.strictObject({ assessmentIds: z.array(id).max(500).optional(), partnershipIds: z.array(id).max(100).optional() })).returns<{ path: string } | null>(),
  'exchange.previewFiles': channel(z.strictObject({ paths: z.array(exchangePath).max(500).optional() })).returns<FilePreview[] | null>(),
  'exchange.previewFolder': channel(none).returns<FilePreview[] | null>(),
  'exchange.acceptChangedKey': channel(z.strictObject({ token: id })).returns<FilePreview>(),
  'exchange.apply': channel(z.strictObject({ tokens: z.array(id).min(1).max(500) })).returns<Array<{ fileName: string; added: number }>>(),

  ...teamContract,
  ...reliabilityContract,
} as const;

type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type RequestOf<C extends ChannelName> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends ChannelName> = Contract[C]['response'];

export const channelNames = Object.keys(contract) as ChannelName[];
