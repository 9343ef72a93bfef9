/**
 * Writes what TrustBridge publishes for other implementers, from the code that defines it:
 *   docs/schemas/exchange.schema.json    the exchange file (shared/exchange/schema.ts)
 *   docs/schemas/framework.schema.json   the framework file (shared/framework/schema.ts)
 *   docs/examples/example.trustbridge    a complete exchange file that verifies (fixed, public key)
 * Run `npx tsx scripts/write-schemas.ts` after changing a schema; a unit test fails while the
 * committed files differ from what this script writes.
 *
 * The schemas describe files as they are written (zod's "input" side): text that TrustBridge
 * normalises on reading (trimming, Erasmus code spacing) is accepted in any of its forms.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { agreementContentSchema } from '../shared/agreement/content';
import { assessmentSchema } from '../shared/assessment/schema';
import { exchangeFileSchema, exchangeItemSchema, exchangePayloadSchema, jwsSignatureSchema } from '../shared/exchange/schema';
import { frameworkSchema } from '../shared/framework/schema';
import { institutionProfileSchema } from '../shared/institution/schema';
import { partnershipSchema } from '../shared/partnership/schema';
import { exampleExchangeFile } from '../test/support/exchange-factories';

export const repositoryRoot = fileURLToPath(new URL('../', import.meta.url));

/**
 * Parts that appear more than once, or that implementers look up by name, go to `$defs` under
 * these names; the descriptions given with `.meta()` are carried over.
 */
function definitions(named: Array<[z.ZodType, string]>): z.core.$ZodRegistry<z.GlobalMeta> {
  const registry = z.registry<z.GlobalMeta>();
  for (const [schema, id] of named) registry.add(schema, { ...z.globalRegistry.get(schema), id });
  return registry;
}

function jsonSchema(schema: z.ZodType, title: string, description: string, named: Array<[z.ZodType, string]> = []): string {
  const generated = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', metadata: definitions(named) });
  return JSON.stringify({ ...generated, title, description }, null, 2) + '\n';
}

/** Every published file: its path in the repository and its content. */
export async function publishedFiles(): Promise<Array<{ path: string; content: string }>> {
  return [
    {
      path: 'docs/schemas/exchange.schema.json',
      content: jsonSchema(
        exchangeFileSchema,
        'TrustBridge exchange file',
        'A signed .trustbridge file: payload (issuer and items) and JWS signatures over its RFC 8785 canonical form. The signatures are checked as docs/exchange-format.md describes; this schema checks the structure only.',
        [
          [exchangePayloadSchema, 'ExchangePayload'],
          [exchangeItemSchema, 'ExchangeItem'],
          [jwsSignatureSchema, 'JwsSignature'],
          [institutionProfileSchema, 'InstitutionProfile'],
          [assessmentSchema, 'Assessment'],
          [frameworkSchema, 'Framework'],
          [partnershipSchema, 'Partnership'],
          [agreementContentSchema, 'AgreementContent'],
        ],
      ),
    },
    {
      path: 'docs/schemas/framework.schema.json',
      content: jsonSchema(
        frameworkSchema,
        'TrustBridge framework',
        'A framework (the guide to trustworthy partnership, or a consortium’s version of it) as data. Cross-field rules (unique identifiers, criteria prefixed by their dimension, thresholds in order) are checked by TrustBridge on import.',
      ),
    },
    { path: 'docs/examples/example.trustbridge', content: await exampleExchangeFile() },
  ];
}

async function main(): Promise<void> {
  for (const file of await publishedFiles()) {
    const target = join(repositoryRoot, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content, 'utf8');
    process.stdout.write(`wrote ${file.path}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`write-schemas: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
