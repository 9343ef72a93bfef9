/** Revisions of one assessment: what changed per criterion, and whether an incoming one may be applied. */
import { describe, expect, it } from 'vitest';
import { diffAssessments } from '../../../../shared/exchange/diff';
import { revisionVerdict } from '../../../../shared/exchange/revision';
import { answer, sampleAssessment } from '../../../support/exchange-factories';

const link = { kind: 'link' as const, id: 'ev-1', label: 'Policy', url: 'https://example.org/policy', addedAt: '2026-09-01T10:00:00Z' };

describe('diffAssessments', () => {
  it('reports level, N/A, justification and evidence changes per criterion', () => {
    const older = sampleAssessment({
      answers: {
        'QA-01': answer({ level: 2, evidence: [link] }),
        'QA-02': answer({ level: 3 }),
        'QA-03': answer({ level: 1, justification: 'Same.' }),
      },
    });
    const newer = sampleAssessment({
      revision: 2,
      status: 'draft',
      answers: {
        'QA-01': answer({ level: 3, evidence: [{ ...link, label: 'Policy 2026' }, { ...link, id: 'ev-2', url: 'https://example.org/report' }] }),
        'QA-02': answer({ level: null, notApplicable: true, naReason: 'No joint programmes.' }),
        'QA-03': answer({ level: 1, justification: 'Same.' }),
        'QA-04': answer({ level: 0 }),
      },
    });

    const diff = diffAssessments(older, newer);

    expect(diff.revision).toEqual({ from: 1, to: 2 });
    expect(diff.status).toEqual({ from: 'complete', to: 'draft' });
    expect(diff.title).toBeUndefined();
    expect(diff.unchangedCount).toBe(1);
    expect(diff.criteria).toEqual([
      {
        criterionId: 'QA-01',
        level: { from: 2, to: 3 },
        evidence: { added: [{ ...link, id: 'ev-2', url: 'https://example.org/report' }], removed: [], changed: [{ from: link, to: { ...link, label: 'Policy 2026' } }] },
      },
      { criterionId: 'QA-02', level: { from: 3, to: null }, notApplicable: { from: false, to: true }, naReason: { from: '', to: 'No joint programmes.' } },
      {
        criterionId: 'QA-04',
        level: { from: null, to: 0 },
        justification: { from: '', to: 'Policy adopted by the senate and reviewed yearly.' },
      },
    ]);
  });

  it('finds nothing to report between identical revisions', () => {
    const assessment = sampleAssessment();
    expect(diffAssessments(assessment, structuredClone(assessment))).toEqual({ revision: { from: 1, to: 1 }, criteria: [], unchangedCount: 2 });
  });
});

describe('revisionVerdict', () => {
  const held = sampleAssessment({ revision: 2, origin: { type: 'exchange', importedAt: '2026-11-01T10:00:00Z', signer: 'Dra. Elena Martín', keyFingerprint: 'f'.repeat(64) } });

  it('tells new, newer, same, older and conflicting revisions apart', () => {
    expect(revisionVerdict(sampleAssessment({ revision: 2 }), undefined)).toBe('new');
    expect(revisionVerdict(sampleAssessment({ revision: 3 }), held)).toBe('newer-revision');
    // The sender's copy says origin "local"; the held copy says "exchange": still the same revision.
    expect(revisionVerdict(sampleAssessment({ revision: 2 }), held)).toBe('same');
    expect(revisionVerdict(sampleAssessment({ revision: 1 }), held)).toBe('older');
    expect(revisionVerdict(sampleAssessment({ revision: 2, title: 'Quietly changed' }), held)).toBe('conflict');
  });

  it('compares only revisions of one series', () => {
    expect(() => revisionVerdict(sampleAssessment({ seriesId: 'other' }), held)).toThrow(/one series/);
  });
});
