import { describe, expect, it } from 'vitest';
import { frameworkSchema } from '../../../../shared/framework/schema';
import { criterion, dimension, flatFramework, framework } from './factories';

describe('test factories', () => {
  it('build frameworks the framework schema accepts', () => {
    // Given frameworks built by the factories
    const built = [
      flatFramework(3),
      framework([dimension('QA', 2, criterion('QA-01', { critical: true })), dimension('REC', 1, criterion('REC-01'))]),
    ];

    // When / then: each is a valid framework file
    for (const fw of built) expect(frameworkSchema.safeParse(fw).success).toBe(true);
  });
});
