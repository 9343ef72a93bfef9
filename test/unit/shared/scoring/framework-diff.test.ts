import { describe, expect, it } from 'vitest';
import { diffFrameworks } from '../../../../shared/framework/diff';
import { criterion, dimension, framework, guideThresholds } from './factories';

const version1 = framework([
  dimension('QA', 2, criterion('QA-01', { critical: true }), criterion('QA-02'), criterion('QA-03')),
  dimension('REC', 1, criterion('REC-01'), criterion('REC-02')),
]);

describe('framework diff', () => {
  it('finds nothing between a framework and itself', () => {
    expect(diffFrameworks(version1, version1)).toEqual({
      added: [],
      retired: [],
      undeclaredRetirements: [],
      changed: [],
      unchanged: 5,
      dimensionsAdded: [],
      dimensionsRemoved: [],
      dimensionWeights: [],
      thresholds: [],
      validityMonths: null,
    });
  });

  it('lines criteria up by identifier: added, retired, changed and unchanged', () => {
    // Given a version 2 that retires QA-03, adds QA-04, rewords QA-01 and reweights REC-02
    const version2 = framework(
      [
        dimension(
          'QA',
          2,
          criterion('QA-01', { critical: true, title: 'A published QA policy covering micro-credentials' }),
          criterion('QA-02'),
          criterion('QA-04'),
        ),
        dimension('REC', 1, criterion('REC-01'), criterion('REC-02', { weight: 2 })),
      ],
      { version: '2.0', retired: [{ id: 'QA-03', retiredInVersion: '2.0', reason: 'Merged into QA-01.' }] },
    );

    const diff = diffFrameworks(version1, version2);

    expect(diff.added).toEqual(['QA-04']);
    expect(diff.retired).toEqual(['QA-03']);
    expect(diff.undeclaredRetirements).toEqual([]);
    expect(diff.changed).toEqual([
      { criterionId: 'QA-01', changes: ['title'] },
      { criterionId: 'REC-02', changes: ['weight'] },
    ]);
    expect(diff.unchanged).toBe(2);
  });

  it('names every part of a criterion that changed', () => {
    const version2 = framework([
      dimension(
        'QA',
        2,
        criterion('QA-01', {
          critical: false,
          guidance: 'New guidance.',
          levels: ['None', 'Initial', 'Developing', 'Established', 'Exemplary'],
          evidenceExamples: ['Minutes of the QA board'],
          sources: [{ instrument: 'eu-rec-2022', locator: 'Principle 1: Quality' }],
        }),
        criterion('QA-02'),
        criterion('QA-03'),
      ),
      dimension('REC', 1, criterion('REC-01'), criterion('REC-02')),
    ]);

    expect(diffFrameworks(version1, version2).changed).toEqual([
      { criterionId: 'QA-01', changes: ['guidance', 'levels', 'evidenceExamples', 'critical', 'sources'] },
    ]);
  });

  it('reports a criterion that moved to another dimension', () => {
    // Structure-only frameworks need not follow the id convention; a move must still show.
    const version2 = framework([
      dimension('QA', 2, criterion('QA-01', { critical: true }), criterion('QA-02')),
      dimension('REC', 1, criterion('REC-01'), criterion('REC-02'), criterion('QA-03')),
    ]);

    expect(diffFrameworks(version1, version2).changed).toEqual([{ criterionId: 'QA-03', changes: ['dimension'] }]);
  });

  it('counts a criterion dropped without being listed as retired, and warns about it', () => {
    const version2 = framework([
      dimension('QA', 2, criterion('QA-01', { critical: true }), criterion('QA-02')),
      dimension('REC', 1, criterion('REC-01'), criterion('REC-02')),
    ]);

    const diff = diffFrameworks(version1, version2);

    expect(diff.retired).toEqual(['QA-03']);
    expect(diff.undeclaredRetirements).toEqual(['QA-03']);
  });

  it('reports an identifier newly listed as retired, but not one already retired before', () => {
    const older = framework(version1.dimensions, { retired: [{ id: 'QA-09', retiredInVersion: '0.9' }] });
    const newer = framework(version1.dimensions, {
      retired: [
        { id: 'QA-09', retiredInVersion: '0.9' },
        { id: 'REC-07', retiredInVersion: '1.1' },
      ],
    });

    expect(diffFrameworks(older, newer).retired).toEqual(['REC-07']);
  });

  it('reports changed dimension weights, dimensions added and removed, thresholds and validity', () => {
    const version2 = framework(
      [
        dimension('QA', 3, criterion('QA-01', { critical: true }), criterion('QA-02'), criterion('QA-03')),
        dimension('DIG', 1, criterion('DIG-01')),
      ],
      { thresholds: { ...guideThresholds, ready: 80, blockerBelowLevel: 3 }, validityMonths: 24 },
    );

    const diff = diffFrameworks(version1, version2);

    expect(diff.dimensionWeights).toEqual([{ dimensionId: 'QA', older: 2, newer: 3 }]);
    expect(diff.dimensionsAdded).toEqual(['DIG']);
    expect(diff.dimensionsRemoved).toEqual(['REC']);
    expect(diff.added).toEqual(['DIG-01']);
    expect(diff.retired).toEqual(['REC-01', 'REC-02']);
    expect(diff.thresholds).toEqual([
      { threshold: 'ready', older: 75, newer: 80 },
      { threshold: 'blockerBelowLevel', older: 2, newer: 3 },
    ]);
    expect(diff.validityMonths).toEqual({ older: 36, newer: 24 });
  });
});
