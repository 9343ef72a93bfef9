/**
 * The real desktop app under real Electron, where Electron's binary exists (a user's or a
 * maintainer's machine). On build machines that cannot download it, this test is skipped with a
 * message; everything else is covered there by the Chromium harness.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { exampleExchangeFile } from '../support/exchange-factories';
import { repoRoot } from '../support/paths';
import { tempFolder } from '../support/temp';
import { seedSetUp } from './seed';

/** Electron's binary, found by its files (requiring `electron` outside Electron would try to download it). */
function electronBinary(): string | undefined {
  const pathFile = join(repoRoot, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(repoRoot, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

const binary = electronBinary();
if (!binary) {
  console.warn('Electron smoke test skipped: no Electron binary in node_modules/electron/dist (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1).');
}

describe.skipIf(!binary)('the desktop app under Electron', () => {
  it('starts on a fresh data folder with a sandboxed renderer that only has window.api', async () => {
    const data = await tempFolder();
    const app = await electron.launch({
      executablePath: binary!,
      args: [repoRoot, '--data-dir', data.path, '--no-sandbox'],
      env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' },
    });
    try {
      const page = await app.firstWindow();
      await page.getByRole('heading', { level: 1, name: 'Welcome to TrustBridge' }).waitFor();
      expect(await page.title()).toBe('TrustBridge');
      expect(page.url()).toBe('app://trustbridge/index.html');
      const renderer = await page.evaluate(() => ({
        api: typeof (window as unknown as { api?: unknown }).api,
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
      }));
      expect(renderer).toEqual({ api: 'object', require: 'undefined', process: 'undefined' });
      const blocked = await page.evaluate(() => {
        window.open('https://example.org');
        return fetch('https://example.org').then(
          () => 'fetched',
          () => 'blocked',
        );
      });
      expect(blocked).toBe('blocked');
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
      await data.remove();
    }
  });

  it('opens a file passed on the command line on the Import page', async () => {
    const data = await tempFolder();
    const file = join(data.path, 'porto.trustbridge');
    await writeFile(file, await exampleExchangeFile());
    const store = join(data.path, 'store');
    await seedSetUp(store);
    const app = await electron.launch({ executablePath: binary!, args: [repoRoot, '--data-dir', store, '--no-sandbox', file] });
    try {
      const page = await app.firstWindow();
      await page.getByRole('heading', { level: 1, name: 'Import exchange files' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'porto.trustbridge' }).waitFor();
    } finally {
      await app.close();
      await data.remove();
    }
  });

  it('shows a failed start-up in an error box, logs it and ends the process', async () => {
    const data = await tempFolder();
    // A "data folder" that is a file: the store cannot open there.
    const notAFolder = join(data.path, 'not-a-folder');
    await writeFile(notAFolder, 'a file');
    try {
      // The error box is modal: with a display it stays until someone closes it, so the test reads
      // what the app also writes to stderr, then ends the process if the box still holds it.
      const child = spawn(binary!, [repoRoot, '--data-dir', notAFolder, '--no-sandbox'], { env: { ...process.env, LANG: 'en_GB.UTF-8' } });
      let output = '';
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      try {
        await expect.poll(() => output, { timeout: 60_000 }).toMatch(/TrustBridge could not start/);
        expect(output).toContain(notAFolder);
        const code = await Promise.race([exited, new Promise<'box open'>((resolve) => setTimeout(() => resolve('box open'), 2000))]);
        expect([1, 'box open']).toContain(code);
      } finally {
        child.kill();
        await exited;
      }
    } finally {
      await data.remove();
    }
  });
});
