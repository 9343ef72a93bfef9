/**
 * Assessments for tests, made through the real services (or, for a partner's own self-assessment,
 * stored as if it had arrived in an exchange file).
 */
import { randomUUID } from 'node:crypto';
import type { Core } from '../../electron/app/core';
import type { Answer } from '../../shared/assessment/answer';
import type { Assessment } from '../../shared/assessment/schema';
import { frameworkRef } from '../../shared/framework/fingerprint';
import { criteriaOf, type Level } from '../../shared/framework/schema';
import { builtInGuide, type BuiltInVersion } from './built-in-guides';

/** A level per criterion by position: a stable, varied pattern. */
export const levelPattern = (pattern: readonly Level[]) => (index: number) => pattern[index % pattern.length]!;

/** A complete self-assessment of the own institution, every criterion rated. */
export async function completedSelfAssessment(core: Core, options: { title?: string; level?: (index: number) => Level; version?: BuiltInVersion } = {}) {
  const ownId = core.institutions.ownId()!;
  const guide = builtInGuide(core, options.version ?? '2.0');
  const assessment = await core.assessments.create({ kind: 'self', subjectId: ownId, frameworkKey: guide.key, language: 'en', title: options.title ?? 'Self-assessment 2026' });
  const framework = core.assessments.frameworkOf(assessment);
  const level = options.level ?? levelPattern([3, 3, 2, 4]);
  for (const [index, criterion] of criteriaOf(framework).entries()) {
    await core.assessments.saveAnswer(assessment.id, criterion.id, { level: criterion.critical ? 3 : level(index), justification: `Documented in the ${criterion.id} file.` });
  }
  return core.assessments.complete(assessment.id);
}

/** The partner's own self-assessment, as it would be stored after importing the partner's exchange file. */
export async function partnerSelfAssessment(
  core: Core,
  partnerId: string,
  options: { level?: (index: number) => Level; title?: string; version?: BuiltInVersion } = {},
): Promise<Assessment> {
  const partner = await core.institutions.get(partnerId);
  const guide = builtInGuide(core, options.version ?? '2.0');
  const framework = await core.frameworks.get(guide.key, 'en');
  const level = options.level ?? levelPattern([4, 3, 4, 3]);
  const answers: Record<string, Answer> = {};
  for (const [index, criterion] of criteriaOf(framework).entries()) {
    answers[criterion.id] = {
      level: level(index),
      notApplicable: false,
      naReason: '',
      justification: `${partner.legalName}: policy and records for ${criterion.id} are in place.`,
      evidence: [{ kind: 'link', id: randomUUID(), label: 'Quality handbook', url: 'https://quality.partner.example/handbook', addedAt: '2026-10-01T10:00:00.000Z' }],
      requestedEvidence: '',
      carriedOver: false,
    };
  }
  const id = randomUUID();
  const ref = { institutionId: partner.id, legalName: partner.legalName, country: partner.country };
  const assessment: Assessment = {
    schemaVersion: 1,
    id,
    kind: 'self',
    title: options.title ?? `Self-assessment 2026 — ${partner.legalName}`,
    subject: ref,
    assessor: ref,
    framework: { ...frameworkRef(framework), language: 'en' },
    status: 'complete',
    completed: { by: 'Liisa Virtanen', role: 'Quality manager', at: '2026-10-15T12:00:00.000Z' },
    seriesId: id,
    revision: 1,
    origin: { type: 'exchange', importedAt: '2026-10-20T09:00:00.000Z', signer: 'Liisa Virtanen, Quality manager', keyFingerprint: '0'.repeat(64) },
    answers,
    history: [],
    createdAt: '2026-10-01T09:00:00.000Z',
    createdBy: 'Liisa Virtanen',
    updatedAt: '2026-10-15T12:00:00.000Z',
  };
  return core.store.create(core.assessments.kind, assessment);
}
