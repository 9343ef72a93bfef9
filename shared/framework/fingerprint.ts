import { contentFingerprint } from '../crypto/sha256';
import type { Framework, FrameworkRef } from './schema';

/**
 * The exact content of a framework: every word, weight and threshold. Two files with the same
 * fingerprint say the same thing, whatever their key order or whitespace. `$schema` is an editor
 * hint, not content, so it is left out.
 */
export function frameworkFingerprint(framework: Framework): string {
  const { $schema: _editorHint, ...content } = framework;
  return contentFingerprint(content);
}

/**
 * What scoring depends on: identifiers, weights, critical flags, thresholds and the retired list,
 * not the wording. Translations of one framework version share it, so an assessment made with the
 * English guide can be shown and reported in Spanish or German. In format 2 the profiles (what
 * they exclude and override) and which criteria may be N/A decide scores too; they are added
 * only there, so every format 1 fingerprint stays what assessments already pinned.
 */
export function frameworkStructureFingerprint(framework: Framework): string {
  if (framework.formatVersion === 2) {
    return contentFingerprint({
      ...structureOf(framework),
      allowsNotApplicable: framework.dimensions.flatMap((dimension) =>
        dimension.criteria.filter((criterion) => criterion.allowsNotApplicable === false).map((criterion) => criterion.id),
      ),
      profiles: (framework.profiles ?? []).map((profile) => ({ id: profile.id, excluded: profile.excluded, overrides: profile.overrides ?? {} })),
    });
  }
  return contentFingerprint(structureOf(framework));
}

function structureOf(framework: Framework) {
  return {
    id: framework.id,
    version: framework.version,
    thresholds: framework.thresholds,
    validityMonths: framework.validityMonths,
    dimensions: framework.dimensions.map((dimension) => ({
      id: dimension.id,
      weight: dimension.weight,
      criteria: dimension.criteria.map((criterion) => ({
        id: criterion.id,
        weight: criterion.weight,
        critical: criterion.critical,
      })),
    })),
    retired: framework.retired.map((retired) => retired.id),
  };
}

export function frameworkRef(framework: Framework): FrameworkRef {
  return { id: framework.id, version: framework.version, fingerprint: frameworkFingerprint(framework) };
}
