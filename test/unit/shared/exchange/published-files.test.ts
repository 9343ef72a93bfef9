/**
 * What TrustBridge publishes for implementers at partner universities stays in step with the code:
 * the JSON Schemas and the example file are exactly what scripts/write-schemas.ts generates, and
 * the example verifies.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyExchangeFile } from '../../../../electron/exchange/read';
import { publishedFiles } from '../../../../scripts/write-schemas';
import { repoRoot } from '../../../support/paths';

describe('published files', () => {
  it('are what scripts/write-schemas.ts generates (run it after changing a schema)', async () => {
    const files = await publishedFiles();
    expect(files.map((file) => file.path)).toEqual([
      'docs/schemas/exchange.schema.json',
      'docs/schemas/framework.schema.json',
      'docs/examples/example.trustbridge',
    ]);
    for (const file of files) {
      const committed = await readFile(join(repoRoot, file.path), 'utf8');
      expect(committed, `${file.path} is out of date: run npx tsx scripts/write-schemas.ts`).toBe(file.content);
    }
  });

  it('the example exchange file verifies, and the schema describes it', async () => {
    const bytes = await readFile(join(repoRoot, 'docs/examples/example.trustbridge'));
    const result = await verifyExchangeFile(new Uint8Array(bytes));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.verified.counts).toEqual({ framework: 1, assessment: 1 });
    expect(result.verified.missingFrameworks).toEqual([]);
    const schema = JSON.parse(await readFile(join(repoRoot, 'docs/schemas/exchange.schema.json'), 'utf8')) as { required: string[]; $defs: Record<string, unknown> };
    expect(schema.required).toEqual(['format', 'formatVersion', 'payload', 'signatures']);
    expect(Object.keys(schema.$defs)).toEqual(expect.arrayContaining(['ExchangePayload', 'JwsSignature', 'Assessment', 'Framework']));
  });
});
