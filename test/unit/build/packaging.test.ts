/**
 * The installers' contents, without network: electron-builder.yml passes electron-builder's schema,
 * and a `--linux dir` build with a stand-in Electron (a folder with a fake `electron` executable,
 * its licence files and locales, as electron-builder expects of `electronDist`) produces an asar
 * with only what runs — the bundles, the renderer, templates and the native rasteriser.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateBuilderConfig } from '../../../scripts/validate-builder-config';
import { repoRoot } from '../../support/paths';
import { tempFolder } from '../../support/temp';

const run = promisify(execFile);
let work: Awaited<ReturnType<typeof tempFolder>>;
let files: string[];

beforeAll(async () => {
  work = await tempFolder('trustbridge-pack-');
  if (!existsSync(join(repoRoot, 'dist/electron/main.cjs')) || !existsSync(join(repoRoot, 'dist/renderer/index.html'))) {
    await run('npm', ['run', 'build'], { cwd: repoRoot });
  }
  const electronDist = join(work.path, 'electron');
  await mkdir(join(electronDist, 'locales'), { recursive: true });
  await mkdir(join(electronDist, 'resources'), { recursive: true });
  await writeFile(join(electronDist, 'electron'), '#!/bin/sh\necho "a stand-in for Electron"\n');
  await chmod(join(electronDist, 'electron'), 0o755);
  for (const name of ['LICENSE', 'LICENSES.chromium.html']) await writeFile(join(electronDist, name), '');
  for (const locale of ['en-GB', 'en-US', 'es', 'de', 'fr']) await writeFile(join(electronDist, 'locales', `${locale}.pak`), '');
  await run(
    join(repoRoot, 'node_modules/.bin/electron-builder'),
    ['--linux', 'dir', `-c.electronDist=${electronDist}`, `-c.directories.output=${join(work.path, 'out')}`, '--publish', 'never'],
    { cwd: repoRoot, env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
  );
  files = listPackage(join(work.path, 'out', 'linux-unpacked', 'resources', 'app.asar'), { isPack: false }).map((path) => path.replace(/\\/g, '/'));
}, 180_000);

afterAll(async () => {
  await work?.remove();
});

describe('the packaged app', () => {
  it('is configured by an electron-builder.yml that passes electron-builder’s schema', async () => {
    const config = await validateBuilderConfig(repoRoot);
    expect(config).toMatchObject({ appId: 'eu.trustbridge.desktop', productName: 'TrustBridge', asar: true, npmRebuild: false });
  });

  it('holds what runs: the bundles, the renderer, the templates, package.json and the native rasteriser', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        '/package.json',
        '/dist/electron/main.cjs',
        '/dist/electron/preload.cjs',
        '/dist/renderer/index.html',
        '/templates/frameworks/trustbridge-guide/en.json',
        '/templates/fonts/DejaVuSans.ttf',
        '/node_modules/@resvg/resvg-js/index.js',
      ]),
    );
    expect(files.some((path) => /^\/dist\/renderer\/assets\/index-.+\.js$/.test(path))).toBe(true);
  });

  it('holds no tests, no sources, no dev tools and no source maps', () => {
    const forbidden = files.filter(
      (path) =>
        path.startsWith('/test/') ||
        path.startsWith('/electron/') ||
        path.startsWith('/renderer/') ||
        path.startsWith('/shared/') ||
        path.startsWith('/scripts/') ||
        path.startsWith('/node_modules/vitest') ||
        path.startsWith('/node_modules/electron/') ||
        path.startsWith('/node_modules/typescript') ||
        path.endsWith('.map') ||
        path.endsWith('.ts'),
    );
    expect(forbidden).toEqual([]);
    // Every library but the native one is inside the bundles.
    expect(files.filter((path) => /^\/node_modules\/[^/]+$/.test(path) || /^\/node_modules\/@[^/]+\/[^/]+$/.test(path)).filter((path) => !path.startsWith('/node_modules/@resvg'))).toEqual([]);
  });

  it('unpacks the native module next to the archive, where Node can load it', () => {
    expect(existsSync(join(work.path, 'out', 'linux-unpacked', 'resources', 'app.asar.unpacked'))).toBe(true);
  });
});
