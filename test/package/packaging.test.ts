/**
 * The installers' contents, without network (`npm run check:package`, part of `npm test`): a
 * `--linux dir` build with a stand-in Electron (a folder with a fake `electron` executable, its
 * licence files and locales, as electron-builder expects of `electronDist`; the executable carries
 * a fuse wire as Electron's does, so electron-builder sets the fuses on it), then the layout:
 * - an asar with only what runs — the bundles, the renderer, templates and the native rasteriser;
 * - the chart fonts readable outside the asar, where the native rasteriser can open them: a chart
 *   drawn from the packaged layout has its labels;
 * - Electron's fuses set by electron-builder's own `electronFuses`, for every platform, and read
 *   back from the packaged binary;
 * - what electron-builder needs for a .deb (homepage, maintainer e-mail) and the desktop file name;
 * - the packaged main bundle starting where the rasteriser's binary is missing (a package built for
 *   another platform), under the test double of Electron.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { extractAll, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { svgToPng } from '../../electron/export/chart-png';
import { barChartSvg } from '../../shared/charts';
import { validateBuilderConfig } from '../../scripts/validate-builder-config';
import { repoRoot, templatesDir } from '../support/paths';
import { tempFolder } from '../support/temp';

const run = promisify(execFile);
let work: Awaited<ReturnType<typeof tempFolder>>;
let files: string[];
let unpacked: string;

/** Electron's fuse wire as it is in a fresh Electron binary: the sentinel, version 1, 8 fuses. */
const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const freshWire = '10110001';

beforeAll(async () => {
  work = await tempFolder('trustbridge-pack-');
  if (!existsSync(join(repoRoot, 'dist/electron/main.cjs')) || !existsSync(join(repoRoot, 'dist/renderer/index.html'))) {
    await run('npm', ['run', 'build'], { cwd: repoRoot });
  }
  const electronDist = join(work.path, 'electron');
  await mkdir(join(electronDist, 'locales'), { recursive: true });
  await mkdir(join(electronDist, 'resources'), { recursive: true });
  await writeFile(
    join(electronDist, 'electron'),
    Buffer.concat([Buffer.from('#!/bin/sh\necho "a stand-in for Electron"\nexit 0\n'), Buffer.from(sentinel), Buffer.from([1, freshWire.length]), Buffer.from(freshWire)]),
  );
  await chmod(join(electronDist, 'electron'), 0o755);
  for (const name of ['LICENSE', 'LICENSES.chromium.html']) await writeFile(join(electronDist, name), '');
  for (const locale of ['en-GB', 'en-US', 'es', 'de', 'fr']) await writeFile(join(electronDist, 'locales', `${locale}.pak`), '');
  await run(
    join(repoRoot, 'node_modules/.bin/electron-builder'),
    ['--linux', 'dir', `-c.electronDist=${electronDist}`, `-c.directories.output=${join(work.path, 'out')}`, '--publish', 'never'],
    { cwd: repoRoot, env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
  );
  unpacked = join(work.path, 'out', 'linux-unpacked');
  files = listPackage(join(unpacked, 'resources', 'app.asar'), { isPack: false }).map((path) => path.replace(/\\/g, '/'));
}, 240_000);

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
    expect(existsSync(join(unpacked, 'resources', 'app.asar.unpacked'))).toBe(true);
  });
});

describe('chart labels in a package', () => {
  const svg = barChartSvg({
    title: 'Readiness',
    axes: [
      { id: 'gov', label: 'Governance' },
      { id: 'qa', label: 'Quality assurance' },
    ],
    series: [{ name: 'Porto', values: [0.72, 0.4] }],
    width: 480,
  }).svg;

  it('draws them with the fonts unpacked beside app.asar, as from the source tree', async () => {
    // The templates folder as the packaged main process names it: inside app.asar.
    const packagedTemplates = join(unpacked, 'resources', 'app.asar', 'templates');
    expect(existsSync(join(unpacked, 'resources', 'app.asar.unpacked', 'templates', 'fonts', 'DejaVuSans.ttf'))).toBe(true);
    const noFonts = await tempFolder('trustbridge-nofonts-');
    try {
      const packaged = svgToPng(svg, { templatesDir: packagedTemplates, width: 480 })!;
      const fromSource = svgToPng(svg, { templatesDir, width: 480 })!;
      const withoutText = svgToPng(svg, { templatesDir: noFonts.path, width: 480 })!;
      // Without fonts resvg draws the bars and no text at all: the labels are the difference.
      expect(fromSource.equals(withoutText)).toBe(false);
      expect(packaged.equals(fromSource)).toBe(true);
    } finally {
      await noFonts.remove();
    }
  });
});

describe('Electron’s fuses', () => {
  it('are configured once for every platform, with each fuse the app relies on, and no hook of our own', async () => {
    const config = await validateBuilderConfig(repoRoot);
    expect(config['electronFuses']).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    });
    // electron-builder applies the top-level fuses to mac, win and linux; no platform turns them off.
    for (const platform of ['mac', 'win', 'linux']) expect((config[platform] as Record<string, unknown>)['electronFuses'], platform).toBeUndefined();
    expect(config['afterPack']).toBeUndefined();
  });

  it('are set on the packaged binary', async () => {
    const wire = await getCurrentFuseWire(join(unpacked, 'trustbridge'));
    const state = (option: FuseV1Options) => String.fromCharCode(wire[option] as number);
    expect(state(FuseV1Options.RunAsNode)).toBe('0');
    expect(state(FuseV1Options.EnableCookieEncryption)).toBe('1');
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe('0');
    expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe('0');
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe('1');
    expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe('1');
    expect(state(FuseV1Options.LoadBrowserProcessSpecificV8Snapshot)).toBe('0');
    expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe('0');
  });
});

describe('the Linux .deb', () => {
  it('has what electron-builder requires of a deb (homepage, maintainer e-mail) and the desktop file name', async () => {
    const packaged = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { homepage?: string; author?: { name?: string; email?: string }; desktopName?: string };
    expect(packaged.homepage).toMatch(/^https:\/\/\S+$/);
    expect(packaged.author?.name).toBeTruthy();
    expect(packaged.author?.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
    // The .desktop file electron-builder writes is named after the Linux executable; Electron
    // finds the window's launcher by desktopName.
    expect(packaged.desktopName).toBe('trustbridge.desktop');
    expect(existsSync(join(unpacked, 'trustbridge'))).toBe(true);
  });
});

describe('the packaged main process without the rasteriser’s binary', () => {
  it('starts, opens its window and logs why chart pictures are SVG only', async () => {
    const app = join(work.path, 'app-without-resvg');
    extractAll(join(unpacked, 'resources', 'app.asar'), app);
    await rm(join(app, 'node_modules', '@resvg'), { recursive: true, force: true });
    // Electron itself: the unit tests' double, which becomes ready at once and opens windows.
    await build({
      stdin: {
        contents: `import { electronMock, electronState } from ${JSON.stringify(join(repoRoot, 'test/support/electron-mock.ts'))};
          module.exports = electronMock();
          setImmediate(() => electronState.becomeReady());
          const windows = setInterval(() => { if (electronState.windows.length) { console.log('window opened'); clearInterval(windows); } }, 20);`,
        resolveDir: repoRoot,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: join(app, 'node_modules', 'electron', 'index.js'),
      logLevel: 'silent',
    });
    const data = join(work.path, 'data');
    const child = spawn(process.execPath, [join(app, 'dist', 'electron', 'main.cjs'), '--data-dir', data], { cwd: app, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const log = join(data, 'logs', 'trustbridge.log');
      await expect.poll(() => output, { timeout: 30_000, interval: 100 }).toContain('window opened');
      // The warning is logged at the end of start-up, after the window opened (electron/main/index.ts).
      await expect
        .poll(() => readFile(log, 'utf8').catch(() => ''), { timeout: 30_000, interval: 100 })
        .toMatch(/WARN Chart pictures for older Word versions cannot be drawn: the rasteriser @resvg\/resvg-js has no binary/);
      const text = await readFile(log, 'utf8');
      expect(text).toContain(`started with data folder ${data}`);
      expect(text).not.toMatch(/ERROR/);
    } finally {
      child.kill();
      await exited;
    }
  }, 60_000);
});
