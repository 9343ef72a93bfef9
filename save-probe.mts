import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '/work/main/electron/app/core';
import { criteriaOf } from '/work/main/shared/framework/schema';
import { sampleProfile } from '/work/main/test/support/factories';
import { ScriptedDialogs } from '/work/main/test/support/scripted-dialogs';

const dataDir = await mkdtemp(join(tmpdir(), 'probe-'));
const core = await openCore({ dataDir, templatesDir: '/work/main/templates', dialogs: new ScriptedDialogs(), appVersion: 'p', platform: process.platform, systemLocale: 'en-GB', snapshotEveryMs: Number.MAX_SAFE_INTEGER });
const own = await core.institutions.saveOwn(sampleProfile());
await core.store.updateSettings({ userName: 'Jordi', userRole: 'QO', setupCompleted: true });
const guide = core.frameworks.list().find((i) => i.origin === 'built-in')!;
const a = await core.assessments.create({ kind: 'self', subjectId: own.id, frameworkKey: guide.key, language: 'en', title: 'S' });
const criteria = criteriaOf(core.assessments.frameworkOf(a)).map((c) => c.id);
const times: number[] = [];
for (let i = 0; i < 600; i++) {
  const t = performance.now();
  await core.assessments.saveAnswer(a.id, criteria[i % criteria.length]!, { level: (i % 5) as 0, justification: `Save ${i}: documented in the quality manual and reviewed in 2026.` });
  times.push(performance.now() - t);
}
times.sort((x, y) => x - y);
console.log('median', times[300].toFixed(2));
await core.close();
