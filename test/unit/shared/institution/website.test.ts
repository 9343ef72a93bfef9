import { describe, expect, it } from 'vitest';
import { institutionProfileSchema } from '../../../../shared/institution/schema';
import { sampleProfileInput } from '../../../support/factories';

const website = (value: string) => institutionProfileSchema.safeParse(sampleProfileInput({ website: value }));

describe('the institution website', () => {
  it('accepts an address typed without https:// and completes it', () => {
    expect(website('www.uv.es').data?.website).toBe('https://www.uv.es');
    expect(website('  uni-example.eu/en  ').data?.website).toBe('https://uni-example.eu/en');
  });

  it('keeps an address given in full, and leaves an empty one empty', () => {
    expect(website('http://www.uv.es').data?.website).toBe('http://www.uv.es');
    expect(website('').data?.website).toBe('');
  });

  it('still refuses what is not a web address, with the address message', () => {
    for (const value of ['ftp://files.uv.es', 'not a website', 'localhost']) {
      const result = website(value);
      expect(result.success, value).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('validation.url');
    }
  });
});
