/**
 * Validates electron-builder.yml with electron-builder's own loader and JSON schema (the same
 * check `electron-builder` runs before building), without building anything or touching the
 * network. Exits 1 with electron-builder's explanation when the config is invalid.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: unknown): Promise<Record<string, unknown>>;
  validateConfiguration(config: Record<string, unknown>, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
};

export async function validateBuilderConfig(projectDir: string, configPath = 'electron-builder.yml'): Promise<Record<string, unknown>> {
  const config = await getConfig(projectDir, configPath, null);
  await validateConfiguration(config, { isEnabled: false, add() {} });
  return config;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  validateBuilderConfig(process.cwd(), process.argv[2]).then(
    (config) => console.log(`electron-builder.yml is valid (appId ${String(config['appId'])}).`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
