import type { Framework } from '../framework/schema';

/**
 * What scoring reads from a framework: the dimensions with their criteria, and the thresholds.
 * Identity, version, scale labels and the retired list play no part in a score, so callers can
 * pass a framework snapshot, a consortium's copy or a hand-built test framework alike.
 */
export type FrameworkStructure = Pick<Framework, 'dimensions' | 'thresholds'>;
