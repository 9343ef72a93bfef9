import type { Criterion, Framework, Profile } from '../framework/schema';

/**
 * What scoring reads from a framework: the dimensions with their criteria, and the thresholds.
 * Identity, version, scale labels and the retired list play no part in a score, so callers can
 * pass a framework snapshot, a consortium's copy or a hand-built test framework alike.
 */
export type FrameworkStructure = Pick<Framework, 'dimensions' | 'thresholds'>;

/** A framework as profiles are read from it. */
export type ProfiledFramework = FrameworkStructure & Pick<Framework, 'profiles'>;

/** A profile id the framework does not have: a one-line message that lists the ones it has. */
export class UnknownProfileError extends Error {
  constructor(
    readonly profileId: string,
    readonly known: readonly string[],
  ) {
    super(
      known.length === 0
        ? `Unknown profile "${profileId}": this framework has no cooperation profiles`
        : `Unknown profile "${profileId}": this framework has ${known.map((id) => `"${id}"`).join(', ')}`,
    );
    this.name = 'UnknownProfileError';
  }
}

/** The profile of that id, or an UnknownProfileError. */
export function frameworkProfile(framework: Pick<Framework, 'profiles'>, profileId: string): Profile {
  const profile = framework.profiles?.find((candidate) => candidate.id === profileId);
  if (!profile) throw new UnknownProfileError(profileId, (framework.profiles ?? []).map((candidate) => candidate.id));
  return profile;
}

/**
 * The framework as an assessment under a cooperation profile is shown and scored: the profile's
 * excluded criteria removed (they are not part of the assessment, unlike N/A, which is an answer),
 * its overrides of weight and critical flag applied, and a dimension left without criteria
 * removed. Everything else the framework carries (texts, crosswalk, guidance) is kept, so the
 * questionnaire, the reports and the scoring engine all read the same structure. Without a
 * profile id, the framework itself. A profile the framework does not have throws an
 * UnknownProfileError; a caller that may meet one (a partnership decided under a profile of
 * another guide version) checks with `profileOf` first.
 */
export function structureForProfile<F extends Pick<Framework, 'dimensions' | 'profiles'>>(framework: F, profileId: string | undefined): F {
  if (profileId === undefined) return framework;
  const profile = frameworkProfile(framework, profileId);
  const excluded = new Set(profile.excluded);
  const overrides = profile.overrides ?? {};
  const dimensions = framework.dimensions.flatMap((dimension) => {
    const criteria = dimension.criteria
      .filter((criterion) => !excluded.has(criterion.id))
      .map((criterion): Criterion => {
        const override = Object.hasOwn(overrides, criterion.id) ? overrides[criterion.id] : undefined;
        if (!override) return criterion;
        return {
          ...criterion,
          ...(override.weight === undefined ? {} : { weight: override.weight }),
          ...(override.critical === undefined ? {} : { critical: override.critical }),
        };
      });
    return criteria.length === 0 ? [] : [{ ...dimension, criteria }];
  });
  return { ...framework, dimensions };
}

/**
 * `structureForProfile` for a stored assessment: a profile the framework does not have (only in a
 * file edited by hand, or a profile of another guide version) leaves the framework whole, as the
 * reports do, instead of throwing.
 */
export function structureForKnownProfile<F extends Pick<Framework, 'dimensions' | 'profiles'>>(framework: F, profileId: string | undefined): F {
  const known = profileId !== undefined && (framework.profiles ?? []).some((candidate) => candidate.id === profileId);
  return structureForProfile(framework, known ? profileId : undefined);
}
