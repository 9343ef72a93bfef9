/**
 * The layout of the partner questionnaire, shared by the writer and the reader so the two cannot
 * drift apart. Sheet and column positions are fixed; the visible headers are in the questionnaire's
 * language, the hidden identifiers are not.
 */
export const questionnaireFormat = 'trustbridge-questionnaire';
export const questionnaireFormatVersion = 1;

/** Sheet names are not translated: the reader finds the sheets by these names. */
export const sheetNames = {
  instructions: 'Instructions',
  questionnaire: 'Questionnaire',
  /** Very hidden: the framework identity, the partner, and the drop-down lists. */
  identity: 'TrustBridge',
} as const;

/** Columns of the Questionnaire sheet (1-based). */
export const columns = {
  key: 1, // hidden: the criterion identifier, written by TrustBridge
  dimension: 2,
  id: 3,
  criterion: 4,
  critical: 5,
  guidance: 6,
  examples: 7,
  level0: 8, // …level4 = 12: the five level descriptors
  level: 13,
  notApplicable: 14,
  naReason: 15,
  justification: 16,
  evidence: 17,
} as const;
export const lastColumn = columns.evidence;
export const answerColumns = [columns.level, columns.notApplicable, columns.naReason, columns.justification, columns.evidence] as const;

/** The header of the hidden key column: how the reader recognises the sheet. */
export const keyHeader = 'TrustBridge criterion ID';

/** Cells of the identity sheet: key in column A, value in column B, from row 1. */
export const identityKeys = [
  'format',
  'formatVersion',
  'frameworkId',
  'frameworkVersion',
  'frameworkFingerprint',
  'frameworkStructure',
  'frameworkLanguage',
  'questionnaireLanguage',
  'institutionId',
  'institutionName',
  'institutionCountry',
  'criteria',
  'generatedAt',
] as const;
export type IdentityKey = (typeof identityKeys)[number];

/** Drop-down lists on the identity sheet: level options in column D, yes/no in column E. */
export const levelListRange = `'${sheetNames.identity}'!$D$1:$D$5`;
export const yesNoListRange = `'${sheetNames.identity}'!$E$1:$E$2`;

/** Where the respondent writes who answered: Instructions sheet, column C, from this row. */
export const respondentFirstRow = 5;
export const respondentFields = ['name', 'role', 'email', 'date'] as const;
export const respondentColumn = 3;

/** Limits on what is read back (answers beyond these are refused or cut). */
export const limits = {
  fileBytes: 5 * 1024 * 1024,
  /** Rows of the Questionnaire sheet; a framework has at most 30 × 60 criteria. */
  rows: 2000,
  zipEntries: 300,
  /** Uncompressed size of any one part of the workbook. */
  partBytes: 30 * 1024 * 1024,
  totalBytes: 60 * 1024 * 1024,
  justification: 20_000,
  naReason: 4_000,
  evidenceItems: 200,
  evidenceUrl: 2_000,
  evidenceLabel: 300,
  respondent: 200,
};
