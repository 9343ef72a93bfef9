/**
 * The built-in guide of one version, picked by version rather than by its place in the catalogue:
 * with 1.0 and 2.0 both built in, "the first built-in" says nothing about which a test meant.
 */
import type { FrameworkListItem } from '../../shared/framework/catalog';

export type BuiltInVersion = '1.0' | '2.0';

export function builtInGuide(core: { frameworks: { list(): FrameworkListItem[] } }, version: BuiltInVersion): FrameworkListItem {
  const item = core.frameworks.list().find((candidate) => candidate.origin === 'built-in' && candidate.version === version);
  if (!item) throw new Error(`No built-in guide of version ${version} in templates/frameworks`);
  return item;
}
