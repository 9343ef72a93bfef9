import { randomUUID } from 'node:crypto';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Assessment } from '../../../../shared/assessment/schema';
import { frameworkFingerprint, frameworkRef } from '../../../../shared/framework/fingerprint';
import { criteriaOf, type Framework } from '../../../../shared/framework/schema';
import { FrameworkCatalog } from '../../../../electron/services/frameworks';
import { setUpCore, testCore, type TestCore } from '../../../support/core';
import { templatesDir } from '../../../support/paths';
import { tempFolder } from '../../../support/temp';

let core: TestCore | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
});

describe('the framework catalogue', () => {
  it('lists each built-in guide version once, 1.0 in three languages, with its fingerprints', async () => {
    core = await testCore();
    const [guide, next, ...others] = core.frameworks.list();
    expect(others).toEqual([]);
    expect(next).toMatchObject({ id: 'trustbridge-guide', version: '2.0', origin: 'built-in', status: 'published', criteria: 49 });
    expect(guide).toMatchObject({ id: 'trustbridge-guide', version: '1.0', origin: 'built-in', status: 'published', languages: ['en', 'es', 'de'], criteria: 55 });
    const spanish = await core.frameworks.get(guide!.key, 'es');
    expect(spanish.language).toBe('es');
    expect(criteriaOf(spanish).map((c) => c.id)).toEqual(criteriaOf(await core.frameworks.get(guide!.key, 'en')).map((c) => c.id));
  });

  it('finds a pinned framework by fingerprint, and its translation with the same structure', async () => {
    core = await testCore();
    const english = await core.frameworks.get(core.frameworks.list()[0]!.key, 'en');
    const ref = { fingerprint: frameworkFingerprint(english) };
    expect(core.frameworks.byRef(ref)?.language).toBe('en');
    expect(core.frameworks.byRef(ref, 'de')?.language).toBe('de');
    expect(core.frameworks.byRef({ fingerprint: '0'.repeat(64) })).toBeUndefined();
  });
});

describe('the built-in guide files', () => {
  it('are read and checked once per process: a second catalogue shares them, frozen, and a changed file is read anew', async () => {
    const first = await FrameworkCatalog.load(templatesDir, () => new Date());
    const second = await FrameworkCatalog.load(templatesDir, () => new Date());
    const [item] = first.list();
    const framework = first.byRef({ fingerprint: item!.fingerprint })!;
    expect(second.byRef({ fingerprint: item!.fingerprint })).toBe(framework);
    expect(second.list()).toEqual(first.list());
    // What `get` hands out is the caller's own copy.
    expect(await first.get(item!.key, 'en')).toEqual(framework);
    expect(Object.isFrozen(await first.get(item!.key, 'en'))).toBe(false);
    // Shared by every catalogue of the process, so nothing may change it in place.
    expect(Object.isFrozen(framework)).toBe(true);
    expect(Object.isFrozen(framework.dimensions[0]!.criteria[0]!.levels)).toBe(true);
    expect(() => {
      (framework.dimensions[0]!.criteria[0] as { title: string }).title = 'changed';
    }).toThrow(TypeError);

    // Another installation whose English 1.0 says something else: that text is checked and used.
    const copy = await tempFolder('trustbridge-templates-');
    try {
      await cp(templatesDir, copy.path, { recursive: true });
      const path = join(copy.path, 'frameworks', item!.id, 'en.json');
      const changed = JSON.parse(await readFile(path, 'utf8')) as { title: string };
      changed.title = 'A retitled guide';
      await writeFile(path, JSON.stringify(changed));
      const other = await FrameworkCatalog.load(copy.path, () => new Date());
      expect((await other.get(item!.key, 'en')).title).toBe('A retitled guide');
      expect(other.list()[0]!.fingerprint).not.toBe(item!.fingerprint);
      // A broken file is a broken installation, named.
      await writeFile(path, '{"id": "trustbridge-guide"}');
      await expect(FrameworkCatalog.load(copy.path, () => new Date())).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining(`${item!.id}/en.json is invalid`) });
    } finally {
      await copy.remove();
    }
  });
});

describe('a consortium’s own version', () => {
  const clone = (c: TestCore, overrides: Partial<{ id: string; version: string }> = {}) =>
    c.frameworks.clone({ key: c.frameworks.list()[0]!.key, language: 'en', id: 'meshe-guide', title: 'MESHE consortium guide', version: '1.1', ...overrides });

  it('clones the guide as a draft that remembers what it is based on', async () => {
    core = await testCore();
    const draft = await clone(core);
    expect(draft).toMatchObject({ id: 'meshe-guide', version: '1.1', origin: 'custom', status: 'draft', basedOn: { id: 'trustbridge-guide', version: '1.0' } });
  });

  it('changes weights, critical flags, thresholds and wording; adds and retires criteria; never reuses a retired id', async () => {
    core = await testCore();
    const draft = await clone(core);
    const framework = await core.frameworks.get(draft.key);
    const governance = framework.dimensions.find((d) => d.id === 'GOV')!;
    governance.weight = 2;
    governance.criteria[1]!.critical = true;
    governance.criteria[1]!.title = 'Joint quality board with minutes';
    framework.thresholds.ready = 80;
    const retired = governance.criteria.pop()!;
    framework.retired.push({ id: retired.id, retiredInVersion: '1.1', reason: 'Merged into GOV-02' });
    await core.frameworks.updateDraft(draft.key, framework);

    // Reusing the retired id for a new criterion is refused.
    const reuse: Framework = structuredClone(framework);
    reuse.dimensions.find((d) => d.id === 'GOV')!.criteria.push({ ...retired, title: 'Something new' });
    await expect(core.frameworks.updateDraft(draft.key, reuse)).rejects.toMatchObject({ code: 'VALIDATION' });
    // Un-retiring it is refused as well.
    const unretire: Framework = { ...structuredClone(framework), retired: [] };
    await expect(core.frameworks.updateDraft(draft.key, unretire)).rejects.toMatchObject({ code: 'VALIDATION' });

    const diff = await core.frameworks.diff(core.frameworks.list()[0]!.key, draft.key, 'en');
    expect(diff.retired).toEqual([retired.id]);
    expect(diff.changed.find((c) => c.criterionId === governance.criteria[1]!.id)?.changes).toEqual(expect.arrayContaining(['title', 'critical']));
  });

  it('publishes, after which the version is frozen and can be exported and imported elsewhere', async () => {
    core = await testCore();
    const draft = await clone(core);
    const published = await core.frameworks.publish(draft.key);
    await expect(core.frameworks.updateDraft(draft.key, await core.frameworks.get(draft.key))).rejects.toMatchObject({ code: 'LOCKED' });

    const file = join(core.dataDir, 'meshe-guide-1.1.json');
    core.dialogs.answerSave(file);
    expect(await core.router.invoke('frameworks.export', { key: draft.key })).toEqual({ ok: true, value: { path: file } });
    // The saved file can then be shown in its folder (the toast's button).
    expect(await core.router.invoke('files.showInFolder', { path: file })).toEqual({ ok: true, value: null });
    expect(core.dialogs.shownInFolder).toEqual([file]);

    const other = await testCore();
    try {
      other.dialogs.answerOpen([file]);
      const imported = await other.router.invoke('frameworks.import', {});
      expect(imported).toMatchObject({ ok: true, value: { id: 'meshe-guide', version: '1.1', origin: 'imported', status: 'published', fingerprint: published.fingerprint } });
      // The same content again is stored once.
      other.dialogs.answerOpen([file]);
      await other.router.invoke('frameworks.import', {});
      expect(other.frameworks.list().filter((item) => item.id === 'meshe-guide')).toHaveLength(1);
      // A different content under the same id and version is refused.
      const changed = JSON.parse(await readFile(file, 'utf8'));
      changed.title = 'Changed behind our back';
      await writeFile(file, JSON.stringify(changed));
      other.dialogs.answerOpen([file]);
      expect(await other.router.invoke('frameworks.import', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    } finally {
      await other.dispose();
    }
  });

  it('refuses an invalid framework file, naming every offending field', async () => {
    core = await testCore();
    const listedBefore = core.frameworks.list().length;
    const file = join(core.dataDir, 'broken.json');
    const framework = await core.frameworks.get(core.frameworks.list()[0]!.key);
    const broken = structuredClone(framework) as unknown as Record<string, unknown> & Framework;
    broken.dimensions[0]!.criteria[0]!.levels = ['only one'] as unknown as Framework['dimensions'][0]['criteria'][0]['levels'];
    broken.thresholds.conditional = 90;
    await writeFile(file, JSON.stringify(broken));
    core.dialogs.answerOpen([file]);
    const result = await core.router.invoke('frameworks.import', {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.issues?.map((issue) => issue.path)).toEqual(expect.arrayContaining(['dimensions.0.criteria.0.levels', 'thresholds.conditional']));
    expect(core.frameworks.list()).toHaveLength(listedBefore);
  });

  it('refuses a file that is not JSON, or unsafe JSON, with a sentence that says so', async () => {
    core = await testCore();
    for (const [content, expected] of [
      ['PK\u0003\u0004 this is a zip', /not valid JSON/],
      ['{"__proto__": {"polluted": true}}', /__proto__/],
      ['['.repeat(5000) + ']'.repeat(5000), /nests data more than/],
    ] as const) {
      const file = join(core.dataDir, 'hostile.json');
      await writeFile(file, content);
      core.dialogs.answerOpen([file]);
      const result = await core.router.invoke('frameworks.import', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_FILE', message: expect.stringMatching(expected) } });
    }
  });

  it('does not let two drafts share an id and version', async () => {
    const set = await setUpCore();
    core = set.core as TestCore;
    await clone(core);
    await expect(clone(core)).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('a framework stored by an import that is taken back', () => {
  it('is no longer known by its fingerprint, so nothing can be pinned to it, as after a restart', async () => {
    // Given a data folder, and a consortium's published framework about to be imported
    const setUp = await setUpCore();
    core = setUp.core;
    const c = core;
    const source = await c.frameworks.get(setUp.guide.key, 'en');
    const meshe: Framework = { ...source, id: 'meshe-guide', title: 'MESHE consortium guide', version: '1.1' };
    const ref = frameworkRef(meshe);
    // An assessment made elsewhere with it (a copy of one made here, pinned to the consortium's version)
    const made = await c.assessments.create({ kind: 'self', subjectId: setUp.own.id, frameworkKey: setUp.guide.key, language: 'en', title: 'Self-assessment 2026' });
    const pinned: Assessment = { ...(await c.assessments.get(made.id)), id: randomUUID(), seriesId: randomUUID(), framework: { ...ref, language: 'en' }, title: 'Audit with the MESHE guide' };

    // When an import stores the framework, then fails, and its transaction is taken back
    await expect(
      c.store.transaction(async () => {
        await c.frameworks.storeImported(meshe);
        throw new Error('The disk is full');
      }),
    ).rejects.toThrow('The disk is full');

    // Then the framework is gone from the store and from the catalogue in memory alike
    expect(c.frameworks.list().map((item) => item.id)).not.toContain('meshe-guide');
    expect(c.frameworks.byRef(ref)).toBeUndefined();
    expect(c.frameworks.structureOf(ref.fingerprint)).toBeUndefined();
    // And an assessment pinned to it is refused, as it would be after a restart
    await expect(c.assessments.importAssessment(pinned)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(c.assessments.list().map((summary) => summary.id)).toEqual([made.id]);

    // And importing the framework again stores it, and then it is known
    await c.store.transaction(() => c.frameworks.storeImported(meshe));
    expect(c.frameworks.byRef(ref)?.id).toBe('meshe-guide');
    await expect(c.assessments.importAssessment(pinned)).resolves.toMatchObject({ id: pinned.id });
  });
});
