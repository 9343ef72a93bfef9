/**
 * The renderer must not be able to tell the desktop app from the end-to-end harness: the preload
 * (bundled as it ships) and the harness's bridge must expose the same `window.api`, built from the
 * IPC contract, and the preload must need nothing from Electron but its IPC bridge.
 */
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundles } from '../../../scripts/build-electron';
import { channelNames } from '../../../shared/ipc/contract';
import { repoRoot } from '../../support/paths';

async function bundle(options: Parameters<typeof build>[0]): Promise<string> {
  const result = await build({ ...options, absWorkingDir: repoRoot, write: false, sourcemap: false, logLevel: 'silent' });
  const output = result.outputFiles?.find((file) => !file.path.endsWith('.map') && !file.path.endsWith('.txt'));
  if (!output) throw new Error('no bundle');
  return output.text;
}

/** Method names per namespace, from an api object. */
const shape = (api: Record<string, Record<string, unknown>>) =>
  Object.fromEntries(
    Object.entries(api)
      .map(([namespace, methods]) => [namespace, Object.keys(methods).sort()] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );

describe('window.api', () => {
  it('is the same in the shipped preload and in the test harness, one method per contract channel', async () => {
    const exposed: Record<string, unknown> = {};
    const required: string[] = [];
    const invoked: Array<[string, unknown]> = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (name: string, value: unknown) => (exposed[name] = value) },
      ipcRenderer: { invoke: async (channel: string, request: unknown) => invoked.push([channel, request]), on() {}, removeListener() {} },
      webUtils: { getPathForFile: () => '' },
    };
    const preload = await bundle(bundles.preload);
    const module = { exports: {} };
    runInNewContext(preload, {
      module,
      exports: module.exports,
      require: (name: string) => {
        required.push(name);
        if (name === 'electron') return fakeElectron;
        throw new Error(`The preload may not require ${name}`);
      },
    });
    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed).sort()).toEqual(['api', 'droppedFilePath']);

    const harnessWindow: Record<string, unknown> = { __trustbridgeInvoke: async () => ({ ok: true, value: null }) };
    runInNewContext(await bundle({ entryPoints: ['test/e2e/bridge-entry.ts'], bundle: true, format: 'iife', platform: 'browser' }), { window: harnessWindow });

    const preloadApi = exposed['api'] as Record<string, Record<string, unknown>>;
    const harnessApi = harnessWindow['api'] as Record<string, Record<string, unknown>>;
    expect(shape(harnessApi)).toEqual(shape(preloadApi));
    const methods = Object.entries(shape(preloadApi)).flatMap(([namespace, names]) => (namespace === 'events' ? [] : names.map((m) => `${namespace}.${m}`)));
    expect(methods.sort()).toEqual([...channelNames].sort());

    // And a call goes to the prefixed channel with the request as given.
    await (preloadApi['institutions']!['get'] as (request: unknown) => Promise<unknown>)({ id: 'x' });
    expect(invoked).toEqual([['trustbridge:institutions.get', { id: 'x' }]]);
  });
});
