/**
 * The demo's second half: the partner's own data folder and the files the two universities send
 * each other. Universidad de Ejemplo (the demo data folder) and Tampere Test University (a data
 * folder of its own, so both sides can be opened in the app) each sign their assessments; the
 * agreement is drafted from the partnership, signed by Ejemplo, countersigned by Tampere and
 * brought back — every step through the same services as the app, with real keys.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Assessment, InstitutionRef } from '../../shared/assessment/schema';
import { AppError } from '../../shared/errors';
import { profileOf } from '../../shared/institution/schema';
import { openCore, type Core } from '../app/core';
import { noDialogs } from '../platform/dialogs';
import { demoDate, writeDemoData, type DemoResult } from './demo-data';
import { exportAgreement } from '../export';
import { writeDemoTeam, type DemoTeamResult } from './demo-team';

/** The passphrase of both demo keys (the demo has nothing to protect; say so when printing it). */
export const demoPassphrase = 'demo passphrase, not for real use';

interface DemoExchangeResult {
  /** The partner's data folder. */
  partnerDataDir: string;
  files: {
    fromA: string;
    fromB: string;
    agreementSignedByA: string;
    agreementCountersigned: string;
    agreementWord: string;
  };
  agreementId: string;
  verificationCode: string;
}

function clockFrom(start: string, stepMs = 60_000): () => Date {
  let current = Date.parse(start);
  return () => {
    const value = new Date(current);
    current += stepMs;
    return value;
  };
}

/**
 * Writes, into `outDir`: the partner's data folder, each university's signed exchange file, the
 * agreement signed by A, the countersigned agreement and its Word export. `dataDir` is the demo
 * data folder written by `writeDemoData` (Universidad de Ejemplo's); it gains a signing key and the
 * concluded agreement.
 */
async function writeDemoExchange(options: {
  dataDir: string;
  outDir: string;
  templatesDir: string;
  demo: { partnership: string; assessments: { selfB: string; auditOfA: string } };
}): Promise<DemoExchangeResult> {
  await mkdir(options.outDir, { recursive: true });
  const partnerDataDir = join(options.outDir, 'tampere-data-folder');
  const open = (dataDir: string, now: () => Date) =>
    openCore({ dataDir, templatesDir: options.templatesDir, dialogs: noDialogs, appVersion: 'demo', platform: process.platform, systemLocale: 'en-GB', now, snapshotEveryMs: Number.MAX_SAFE_INTEGER });
  const a = await open(options.dataDir, clockFrom(`${demoDate}T12:00:00.000Z`));
  let b: Core | undefined;
  try {
    await a.identity.createKey(demoPassphrase);
    b = await open(partnerDataDir, clockFrom(`${demoDate}T12:30:00.000Z`));
    const partnerInA = a.institutions.list().find((item) => item.kind === 'partner');
    const ownA = await a.institutions.getOwn();
    if (!partnerInA || !ownA) throw new AppError({ code: 'CONFLICT', message: 'The demo data folder has no partner institution.' });

    // Tampere's own data folder: its profile, Ejemplo as its partner, its key, and its own two
    // assessments (the ones Ejemplo holds as received from it), filed under Tampere's own ids.
    const ownB = await b.institutions.saveOwn(profileOf(await a.institutions.get(partnerInA.id)));
    const ejemploInB = await b.institutions.createPartner(profileOf(ownA));
    await b.store.updateSettings({ userName: 'Laura Virtanen', userRole: 'Head of Quality Services', setupCompleted: true, language: null });
    await b.identity.createKey(demoPassphrase);
    const ids = new Map([
      [partnerInA.id, ownB.id],
      [ownA.id, ejemploInB.id],
    ]);
    const remap = (ref: InstitutionRef): InstitutionRef => ({ ...ref, institutionId: ids.get(ref.institutionId) ?? ref.institutionId });
    for (const id of [options.demo.assessments.selfB, options.demo.assessments.auditOfA]) {
      const held = await a.assessments.get(id);
      const own: Assessment = { ...held, subject: remap(held.subject), assessor: remap(held.assessor), origin: { type: 'local' } };
      await b.assessments.importAssessment(own);
    }

    // Ejemplo holds these two as received from Tampere: record them as an import does — signed
    // with Tampere's own key, from the institution with Tampere's exchange id — so that every view
    // (the partnership and the consortium matrix alike) can trust them as Tampere's word.
    await a.institutions.rememberExchangeId(partnerInA.id, b.identity.exchangeId());
    for (const id of [options.demo.assessments.selfB, options.demo.assessments.auditOfA]) {
      await a.store.update(a.assessments.kind, id, (held) =>
        held.origin.type === 'exchange' ? { ...held, origin: { ...held.origin, keyFingerprint: b!.identity.fingerprint() } } : held,
      );
    }

    const files = {
      fromA: join(options.outDir, 'universidad-de-ejemplo.trustbridge'),
      fromB: join(options.outDir, 'tampere-test-university.trustbridge'),
      agreementSignedByA: join(options.outDir, 'agreement-signed-by-universidad-de-ejemplo.trustbridge'),
      agreementCountersigned: join(options.outDir, 'agreement-countersigned.trustbridge'),
      agreementWord: join(options.outDir, 'agreement.docx'),
    };
    await writeFile(files.fromA, await a.exchange.exportItems({ partnershipIds: [options.demo.partnership] }));
    await writeFile(files.fromB, await b.exchange.exportItems({ assessmentIds: [options.demo.assessments.selfB, options.demo.assessments.auditOfA] }));

    // The agreement: drafted and signed by Ejemplo, countersigned by Tampere, brought back.
    const drafted = await a.agreements.create({ partnershipId: options.demo.partnership, language: 'en' });
    await a.agreements.sign(drafted.id);
    await writeFile(files.agreementSignedByA, await a.agreements.exchangeFile(drafted.id));
    await receive(b, files.agreementSignedByA);
    await b.agreements.sign(drafted.id);
    await writeFile(files.agreementCountersigned, await b.agreements.exchangeFile(drafted.id));
    await receive(a, files.agreementCountersigned);
    const concluded = await a.agreements.view(drafted.id);
    if (concluded.state !== 'concluded') throw new AppError({ code: 'INTERNAL', message: `The demo agreement ended as "${concluded.state}", not concluded.` });
    const framework = a.frameworks.byRef(concluded.agreement.content.framework, 'en');
    await exportAgreement({
      agreement: concluded.agreement,
      templatesDir: options.templatesDir,
      outPath: files.agreementWord,
      now: () => new Date(`${demoDate}T13:00:00.000Z`),
      ...(framework ? { framework } : {}),
    });
    await a.store.flush();
    await b.store.flush();
    return { partnerDataDir, files, agreementId: drafted.id, verificationCode: concluded.verificationCode };
  } finally {
    await b?.close();
    await a.close();
  }
}

async function receive(core: Core, path: string): Promise<void> {
  const [preview] = await core.exchange.preview([path]);
  if (!preview?.ok) throw new AppError(preview?.error ?? { code: 'INTERNAL', message: `${path} could not be read back.` });
  await core.exchange.apply([preview.token]);
}

/**
 * The whole demo: the data folder of the first university and, in `outDir`, what passed between the
 * two (the partner's data folder, the signed files, the countersigned agreement).
 */
export async function writeDemo(options: { dataDir: string; outDir: string; templatesDir: string }): Promise<{ demo: DemoResult; exchange: DemoExchangeResult; team: DemoTeamResult }> {
  const demo = await writeDemoData({ dataDir: options.dataDir, templatesDir: options.templatesDir });
  const exchange = await writeDemoExchange({ ...options, demo });
  const team = await writeDemoTeam({ dataDir: options.dataDir, templatesDir: options.templatesDir });
  return { demo, exchange, team };
}
