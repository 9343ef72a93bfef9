/**
 * The consortium overview: who has assessed whom, how ready each direction is, and what expires
 * when. Built by `buildConsortium` (./build.ts) from institutions and assessments, whether they
 * come from this installation's store (the trust-matrix screen) or from a folder of verified
 * exchange files (`trustbridge consortium <folder>`); the Excel workbook and the Word summary are
 * written from the same model, so screen, files and command line always agree.
 */
import type { Assessment } from '../assessment/schema';
import type { Framework, Language } from '../framework/schema';
import type { DecisionOutcome } from '../partnership/schema';
import type { ReadinessBand } from '../scoring/band';

/** One member of the consortium. `key` is stable: the exchange id where known, else a local id. */
export interface ConsortiumInstitution {
  key: string;
  legalName: string;
  country: string;
  city?: string;
  erasmusCode?: string;
  /** The institution this installation belongs to, if it is a member. */
  own?: boolean;
}

/** A member as the model lists it: with the short name the matrix and the exports use. */
export interface ConsortiumMember extends ConsortiumInstitution {
  /** A few capital letters, unique in the consortium ("HM", "UE-ES", "UE-PT"); see ./abbreviations.ts. */
  abbreviation: string;
}

/** What the builder is given. */
export interface ConsortiumInput {
  institutions: readonly ConsortiumInstitution[];
  /**
   * Assessments with `subject.institutionId` and `assessor.institutionId` already mapped to the
   * institutions' `key`s. Several revisions of a series may be given: the newest counts.
   */
  assessments: readonly Assessment[];
  /** The framework each assessment was made with, by its fingerprint (scores need its structure). */
  frameworkOf: (assessment: Assessment) => Framework | undefined;
  /** Readiness decisions known for a direction (assessor key → subject key), e.g. from partnerships. */
  decisions?: ReadonlyArray<{ from: string; to: string; outcome: DecisionOutcome; decidedAt: string }>;
  /** The day the overview is made (YYYY-MM-DD): validity and expiry are counted to it. */
  today: string;
  /** An audit "expires soon" this many days before its end of validity (default 90). */
  expiringWithinDays?: number;
  /**
   * The language the model is shown in: dimension titles come from the newest framework in this
   * language where one is given, else from the newest framework in any language.
   */
  language?: Language;
}

export type Validity = 'valid' | 'expiring' | 'expired';

/** One cell of the trust matrix: the newest audit by `assessor` of `subject`. */
export interface TrustCell {
  assessor: string;
  subject: string;
  assessmentId: string;
  title: string;
  status: 'in-progress' | 'complete';
  /** 0–100, or null when nothing is rated. */
  overall: number | null;
  band: ReadinessBand;
  /** Blockers: critical criteria below the threshold. */
  blockers: number;
  /** The date the audit counts from (completion, else last change), YYYY-MM-DD. */
  date: string;
  /** End of validity: date + the framework's validityMonths, YYYY-MM-DD. */
  validUntil: string;
  validity: Validity;
  framework: { id: string; version: string; title: string };
  /** Per dimension of its framework: the score 0–100 or null. */
  dimensions: Record<string, number | null>;
  decision?: { outcome: DecisionOutcome; decidedAt: string };
  /** The series and revision of the assessment shown (to open it, or to start its renewal). */
  seriesId: string;
  revision: number;
  /**
   * A newer audit of the same direction that is still in progress, while the cell shows the
   * newest completed one: the renewal has started.
   */
  renewalInProgress?: { assessmentId: string; title: string; updatedAt: string };
}

/** One dimension across the consortium: how members score on it. */
export interface DimensionRow {
  /** The dimension's code (e.g. `GOV`), the same across framework versions. */
  id: string;
  title: string;
  /** Per subject institution key: the score from its newest valid audit (by anyone), else null. */
  scores: Record<string, number | null>;
  mean: number | null;
  min: number | null;
  /** How many institutions have a score for it. */
  count: number;
  /** 1 = the weakest dimension of the consortium (by mean). */
  rank: number;
}

export interface ConsortiumModel {
  today: string;
  /** The window of `expiring`, in days (the input's, or 90). */
  expiringWithinDays: number;
  /** Sorted by legal name (English collation), then key. */
  institutions: ConsortiumMember[];
  /** Every audit direction that exists (assessor ≠ subject), newest audit per direction. */
  cells: TrustCell[];
  /** Self-assessments: the newest per institution, as a diagonal. */
  selfAssessments: Array<Omit<TrustCell, 'decision'>>;
  /** Weakest first: sorted by `rank`. */
  dimensions: DimensionRow[];
  /**
   * `audits` counts the cells; `valid`, `expiring` and `expired` count the completed ones among
   * them and `inProgress` the others, so the four add up to `audits`. `directionsMissing`: ordered
   * pairs of different members with no audit at all (n × (n − 1) − audits).
   */
  totals: {
    institutions: number;
    audits: number;
    valid: number;
    expiring: number;
    expired: number;
    inProgress: number;
    selfAssessments: number;
    directionsMissing: number;
  };
  /** Assessments given but not counted, and why (their framework is unknown, or a party is not a member). */
  skipped: SkippedAssessment[];
}

export interface SkippedAssessment {
  assessmentId: string;
  title: string;
  assessor: string;
  subject: string;
  /**
   * `relayed`: held, but not signed by its assessor's own key (a copy passed on by someone else);
   * `superseded`: a newer revision of the same assessment counts instead.
   */
  reason: 'unknown-framework' | 'unknown-institution' | 'relayed' | 'superseded';
}

/** A file of a folder that was not counted, and why (for the CLI's report and the workbook). */
export interface RefusedFile {
  fileName: string;
  code: string;
  reason: string;
}

/**
 * What a folder of exchange files gave, as plain data: for the workbook's "Files" sheet, the
 * command line's report and the inbox. Made by `summariseFolder` (electron/consortium/folder.ts).
 */
export interface ConsortiumFiles {
  /** The folder read, as given. */
  folder: string;
  /** When it was read (ISO timestamp). */
  readAt: string;
  /**
   * How keys were checked: `registry` against this installation's remembered partner keys (and
   * trust on first use within the folder for institutions it has never seen), `folder` by trust on
   * first use within the folder alone.
   */
  keyCheck: 'registry' | 'folder' | 'roster';
  /** Files whose content counts, in file-name order. */
  accepted: AcceptedFile[];
  /** Files with exactly the content of an accepted file (counted once, as `sameAs`). */
  duplicates: Array<{ fileName: string; sameAs: string }>;
  /** Sync-service conflict copies with different content: one kept, the others not counted. */
  conflicts: FileConflict[];
  refused: RefusedFile[];
  /** Temporary and partial files left by sync services and office programs, not read. */
  ignored: string[];
  /** Assessments in accepted files that do not count, and why. */
  notCounted: NotCountedAssessment[];
}

export interface AcceptedFile {
  fileName: string;
  /** The issuer's legal name and exchange id. */
  issuer: string;
  issuerKey: string;
  issuedAt: string;
  /** Every signature as "name, institution". */
  signedBy: string[];
  /** Assessments the file holds, and how many of them count. */
  assessments: number;
  counted: number;
  /** The file's name marks it as a sync-service copy of this file. */
  conflictOf?: string;
  /**
   * Set when the name marks a copy (`conflictOf`) but the content is unrelated to the original (another
   * issuer, no assessment series, partnership or agreement in common): it counts on its own.
   */
  countedSeparately?: true;
}

export interface FileConflict {
  /** The original and its conflict copies, in file-name order. */
  files: string[];
  kept: string;
  /** One English sentence; `basis` names the rule for a translated label. */
  why: string;
  basis: 'revision' | 'issued-later' | 'more-signatures' | 'file-name';
}

export interface NotCountedAssessment {
  fileName: string;
  assessmentId: string;
  title: string;
  /** Legal names, as the file names them. */
  assessor: string;
  subject: string;
  /**
   * `relayed`: the file's signers did not make the assessment (a partner's self-assessment or audit
   * passed on in a partnership file): only the assessor's own signed file counts.
   */
  reason: 'relayed' | 'unknown-framework' | 'unknown-institution';
}
