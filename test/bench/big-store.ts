/**
 * The bench's big stores, written directly in the store's format (10,000 service calls would take
 * minutes; the files are the same): the own institution and a number of partners made through the
 * services, then assessments of several institutions and years — self-assessments of the own
 * institution and audits of partners, each series with one to three revisions (the older ones
 * completed), answers at levels that differ by institution and year, justifications, evidence
 * links and files, requested evidence and a change history of varying length. Deterministic: the
 * same count gives the same store (shared/seeded-random.ts), apart from the institutions' ids.
 */
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openCore } from '../../electron/app/core';
import type { Answer, Evidence } from '../../shared/assessment/answer';
import type { Assessment, HistoryEntry, InstitutionRef } from '../../shared/assessment/schema';
import { criteriaOf } from '../../shared/framework/schema';
import { seededRandom } from '../../shared/seeded-random';
import { sampleProfile } from '../support/factories';
import { templatesDir } from '../support/paths';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { builtInGuide } from '../support/built-in-guides';

export interface BigStore {
  dataDir: string;
  count: number;
  /** A draft self-assessment of the current year, the one the bench saves answers in. */
  target: string;
}

const countries = ['DE', 'FR', 'IT', 'NL', 'PL', 'FI', 'PT', 'AT', 'BE', 'SE', 'CZ', 'IE'] as const;
const years = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];
const people = ['Jordi Puig', 'Marta Soler', 'Anna Schmidt', 'Pieter de Vries', 'Laura Bianchi'];
const hex = (rand: () => number) => Array.from({ length: 64 }, () => '0123456789abcdef'[Math.floor(rand() * 16)]).join('');

export const openBenchCore = (dataDir: string) =>
  openCore({ dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'bench', platform: process.platform, systemLocale: 'en-GB', snapshotEveryMs: Number.MAX_SAFE_INTEGER });

export async function bigStore(root: string, count: number): Promise<BigStore> {
  const dataDir = join(root, `store-${count}`);
  const rand = seededRandom(count);
  const core = await openBenchCore(dataDir);
  const own = await core.institutions.saveOwn(sampleProfile());
  await core.store.updateSettings({ userName: 'Jordi Puig', userRole: 'Quality officer', setupCompleted: true });
  // About one partner per 250 assessments: a national network or an alliance, not one partner.
  const partners: InstitutionRef[] = [];
  for (let p = 0; p < Math.min(40, Math.max(2, Math.round(count / 250))); p += 1) {
    const country = countries[p % countries.length]!;
    const partner = await core.institutions.createPartner(sampleProfile({ legalName: `Partner University ${p + 1} (${country})`, country, city: `City ${p + 1}`, erasmusCode: `${country.padEnd(3)}PARTNR${String(p).padStart(2, '0')}` }));
    partners.push({ institutionId: partner.id, legalName: partner.legalName, country: partner.country });
  }
  const guide = builtInGuide(core, '1.0');
  const target = await core.assessments.create({ kind: 'self', subjectId: own.id, frameworkKey: guide.key, language: 'en', title: 'Self-assessment 2026' });
  const criteria = criteriaOf(core.assessments.frameworkOf(target));
  for (const [index, criterion] of criteria.entries()) {
    if (index % 2) continue;
    await core.assessments.saveAnswer(target.id, criterion.id, { level: (index % 5) as 0 | 1 | 2 | 3 | 4, justification: `Documented in the quality manual, section ${index}; reviewed by the quality committee in 2026.` });
  }
  const template = await core.assessments.get(target.id);
  const kind = core.assessments.kind;
  await core.close();

  const ownRef: InstitutionRef = template.subject;
  const index = JSON.parse(await readFile(join(dataDir, 'index.json'), 'utf8')) as { cleanShutdown: boolean; journal?: string; collections: Record<string, Record<string, unknown>> };
  const folder = join(dataDir, 'documents', 'assessments');
  const batch: Array<Promise<void>> = [];
  let written = 1;
  let series = 0;
  while (written < count) {
    series += 1;
    const subject = series % 5 === 0 ? ownRef : partners[series % partners.length]!;
    const kindOf: Assessment['kind'] = subject === ownRef ? 'self' : 'audit';
    const year = years[series % years.length]!;
    const strength = 1 + (series % 4) * 0.7;
    const revisions = 1 + Math.floor(rand() * 3);
    const seriesId = randomUUID();
    let previous: Assessment | undefined;
    for (let revision = 1; revision <= revisions && written < count; revision += 1) {
      const id = revision === 1 ? seriesId : randomUUID();
      const day = `${year}-${String(1 + ((series + revision * 3) % 12)).padStart(2, '0')}-${String(1 + (series % 28)).padStart(2, '0')}`;
      const at = (hour: number) => `${day}T${String(8 + (hour % 10)).padStart(2, '0')}:${String(series % 60).padStart(2, '0')}:00.000Z`;
      const latest = revision === revisions;
      const complete = !latest || year < 2026;
      const answers: Record<string, Answer> = {};
      const history: HistoryEntry[] = [];
      const by = people[series % people.length]!;
      for (const [c, criterion] of criteria.entries()) {
        if (!complete && rand() < 0.4) continue;
        const level = Math.max(0, Math.min(4, Math.round(strength + (rand() - 0.5) * 2.4))) as 0 | 1 | 2 | 3 | 4;
        const evidence: Evidence[] = [];
        if (rand() < 0.35) evidence.push({ kind: 'link', id: `l${c}`, label: `Policy ${criterion.id} (${year})`, url: `https://qa.example.eu/${year}/${criterion.id.toLowerCase()}`, addedAt: at(c) });
        if (rand() < 0.2) evidence.push({ kind: 'file', id: `f${c}`, label: `Minutes ${criterion.id}`, fileName: `minutes-${criterion.id.toLowerCase()}-${year}.pdf`, mediaType: 'application/pdf', size: 20_000 + Math.floor(rand() * 400_000), sha256: hex(rand), addedAt: at(c) });
        answers[criterion.id] = {
          level,
          notApplicable: false,
          naReason: '',
          justification: `${kindOf === 'self' ? 'Our' : 'The partner’s'} practice for ${criterion.id} in ${year}: level ${level}. ${rand() < 0.5 ? 'Reviewed by the quality committee; minutes on file.' : 'Described in the institutional quality manual, section ' + (c + 1) + '.'}`,
          evidence,
          requestedEvidence: kindOf === 'audit' && level < 2 ? `Please send the ${criterion.id} procedure and its last review.` : '',
          carriedOver: false,
        };
        const changes = Math.floor(rand() * 3);
        for (let h = 0; h < changes; h += 1) history.push({ at: at(c + h), by, criterionId: criterion.id, field: h % 2 ? 'justification' : 'level', from: h % 2 ? 'Draft text.' : String(Math.max(0, level - 1)), to: h % 2 ? answers[criterion.id]!.justification.slice(0, 80) : String(level) });
      }
      if (complete) history.push({ at: at(30), by, field: 'status', from: 'draft', to: 'complete' });
      const assessment: Assessment = {
        ...template,
        id,
        kind: kindOf,
        title: `${kindOf === 'self' ? 'Self-assessment' : `Audit of ${subject.legalName}`} ${year}${revision > 1 ? ` (revision ${revision})` : ''}`,
        subject,
        assessor: ownRef,
        status: complete ? 'complete' : 'draft',
        ...(complete ? { completed: { by, role: 'Quality officer', at: at(30) } } : { completed: undefined }),
        seriesId,
        revision,
        ...(previous ? { previousRevisionId: previous.id } : {}),
        answers,
        history,
        createdAt: at(0),
        createdBy: by,
        updatedAt: at(30),
      };
      if (!complete) delete (assessment as Partial<Assessment>).completed;
      previous = assessment;
      index.collections['assessments']![id] = kind.summarise(assessment);
      batch.push(writeFile(join(folder, `${id}.json`), JSON.stringify(assessment) + '\n'));
      if (batch.length >= 200) await Promise.all(batch.splice(0));
      written += 1;
    }
  }
  await Promise.all(batch);
  index.cleanShutdown = true;
  await writeFile(join(dataDir, 'index.json'), JSON.stringify(index) + '\n');
  return { dataDir, count, target: target.id };
}
