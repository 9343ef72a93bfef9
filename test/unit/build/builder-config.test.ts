import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateBuilderConfig } from '../../../scripts/validate-builder-config';
import { repoRoot } from '../../support/paths';
import { tempFolder } from '../../support/temp';

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema", async () => {
    const config = await validateBuilderConfig(repoRoot);
    expect(config).toMatchObject({ appId: 'eu.trustbridge.desktop', productName: 'TrustBridge', asar: true });
    expect(config['fileAssociations']).toEqual([expect.objectContaining({ ext: 'trustbridge' })]);
  });

  it('is rejected by that schema when an option is wrong, so the check can fail', async () => {
    const folder = await tempFolder('trustbridge-builder-');
    try {
      const original = await readFile(join(repoRoot, 'electron-builder.yml'), 'utf8');
      await writeFile(join(folder.path, 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0' }));
      await writeFile(join(folder.path, 'electron-builder.yml'), original.replace('  category: Education\n', '  category: Education\n  notAnOption: true\n'));
      await expect(validateBuilderConfig(folder.path)).rejects.toThrow(/Invalid configuration object[\s\S]*linux/);
    } finally {
      await folder.remove();
    }
  });
});
