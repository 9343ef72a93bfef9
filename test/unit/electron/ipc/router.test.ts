import { describe, expect, it } from 'vitest';
import { openCore } from '../../../../electron/app/core';
import { createRouter, type Handlers } from '../../../../electron/ipc/router';
import { AppError } from '../../../../shared/errors';
import { contract } from '../../../../shared/ipc/contract';
import { sampleProfileInput } from '../../../support/factories';
import { ScriptedDialogs } from '../../../support/scripted-dialogs';
import { templatesDir } from '../../../support/paths';
import { tempFolder } from '../../../support/temp';

const validProfile = sampleProfileInput({ legalName: 'Hochschule Beispiel', country: 'DE', city: 'Köln', erasmusCode: 'd koln99' });

async function withCore<T>(work: (core: Awaited<ReturnType<typeof openCore>>) => Promise<T>): Promise<T> {
  const folder = await tempFolder();
  const core = await openCore({ dataDir: folder.path, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'test', platform: 'linux', systemLocale: 'en-GB' });
  try {
    return await work(core);
  } finally {
    await core.close();
    await folder.remove();
  }
}

describe('the IPC router', () => {
  it('has a handler for every channel of the contract', async () => {
    await withCore(async (core) => {
      expect([...core.router.channels].sort()).toEqual(Object.keys(contract).sort());
    });
  });

  it('refuses a channel that is not in the contract', async () => {
    await withCore(async (core) => {
      expect(await core.router.invoke('fs.readFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
      expect(await core.router.invoke('__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    });
  });

  it('checks every request against its schema before a service sees it, naming each bad field', async () => {
    await withCore(async (core) => {
      const result = await core.router.invoke('institutions.saveOwn', { ...validProfile, country: 'XX', qaContact: { name: '', role: '', email: 'nope' } });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('INVALID_REQUEST');
      expect(result.error.issues?.map((issue) => [issue.path, issue.message])).toEqual([
        ['country', 'validation.country'],
        ['qaContact.name', 'validation.required'],
        ['qaContact.email', 'validation.email'],
      ]);
      expect(await core.institutions.getOwn()).toBeNull();
    });
  });

  it('refuses unknown fields (strict schemas), so nothing unexpected is stored', async () => {
    await withCore(async (core) => {
      const result = await core.router.invoke('institutions.saveOwn', { ...validProfile, isAdmin: true });
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    });
  });

  it('passes a service’s own error through, and hides an unexpected one behind a plain message', async () => {
    const failing = Object.fromEntries(Object.keys(contract).map((name) => [name, () => undefined])) as unknown as Handlers;
    failing['app.info'] = () => {
      throw new AppError({ code: 'NOT_FOUND', message: 'Nothing here' });
    };
    failing['settings.get'] = () => {
      throw new TypeError("Cannot read properties of undefined (reading 'x') at /secret/path.js:12");
    };
    const logged: unknown[] = [];
    const router = createRouter(failing, { info() {}, warn() {}, error: (_message, detail) => logged.push(detail) });
    expect(await router.invoke('app.info', {})).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'Nothing here' } });
    const unexpected = await router.invoke('settings.get', {});
    expect(unexpected).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(unexpected)).not.toContain('/secret/path.js');
    expect(logged).toHaveLength(1);
  });

  it('stores a valid profile, normalised', async () => {
    await withCore(async (core) => {
      const result = await core.router.invoke('institutions.saveOwn', validProfile);
      expect(result).toMatchObject({ ok: true, value: { legalName: 'Hochschule Beispiel', erasmusCode: 'D  KOLN99', kind: 'own' } });
    });
  });
});
