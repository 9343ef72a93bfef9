/**
 * The consortium screen over the real demo (both data folders and the signed files between them),
 * through window.api built from the contract over the real router: the trust matrix is a grid
 * with a row header per institution that audited and a column header per institution audited,
 * each cell says in words what it holds (an audit, a self-assessment, or why it is empty), the
 * dimensions table names each row by its dimension, and an assessment the matrix leaves out is
 * named with the reason.
 */
import { join } from 'node:path';
import { TextEncoder as NodeTextEncoder } from 'node:util';
import { screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/app/core';
import type { DemoResult } from '../../electron/demo/demo-data';
import { createApi } from '../../shared/ipc/api';
import { today } from '../../renderer/lib/dates';
import { ConsortiumPage } from '../../renderer/features/consortium/ConsortiumPage';
import { templatesDir } from '../support/paths';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { copyOfDemo } from '../support/shared-demo';
import { tempFolder } from '../support/temp';
import { findGrid, renderInApp } from './render';

// Signing under jsdom needs Uint8Arrays of the main realm (see import-page.test.tsx).
globalThis.TextEncoder = class extends NodeTextEncoder {
  override encode(input?: string): Uint8Array<ArrayBuffer> {
    return new Uint8Array(super.encode(input));
  }
} as typeof TextEncoder;

let folder: Awaited<ReturnType<typeof tempFolder>>;
let demo: DemoResult;
let core: Core;

beforeAll(async () => {
  folder = await tempFolder('trustbridge-consortium-page-');
  ({ demo } = await copyOfDemo({ dataDir: join(folder.path, 'data'), outDir: join(folder.path, 'exchange') }));
  core = await openCore({ dataDir: demo.dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'test', platform: process.platform, systemLocale: 'en-GB' });
  window.api = createApi((channel, request) => core.router.invoke(channel, request), () => () => undefined);
}, 120_000);

afterAll(async () => {
  await core?.close();
  await folder?.remove();
});

async function seriousFindings(): Promise<string[]> {
  // jsdom cannot compute colours: contrast is judged in the e2e tests on real Chromium.
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id);
}

describe('the consortium screen', () => {
  it('shows the trust matrix as a grid: a row per assessor, a column per assessed, each cell read in words', async () => {
    const model = await core.consortium.model('en', today());
    const { A, B } = demo.institutions;
    const member = (key: string) => model.institutions.find((item) => item.key === key)!;
    const [a, b] = [member(A), member(B)];
    const view = await renderInApp(<ConsortiumPage />);

    const matrix = await findGrid('Audits between the institutions: rows audited columns', document.body, 20_000);
    // One column header for the assessors, then one per institution audited, named in full.
    const columns = within(matrix).getAllByRole('columnheader');
    expect(columns.map((column) => column.textContent)).toEqual(['by ↓ of →Institution that audited', ...model.institutions.map((item) => `${item.abbreviation} ${item.legalName}`)]);
    // One row per institution that audited, named by its row header alone.
    const rowHeaders = within(matrix).getAllByRole('rowheader');
    expect(rowHeaders.map((header) => header.textContent)).toEqual(model.institutions.map((item) => `${item.abbreviation} ${item.legalName}`));
    const rowOfA = within(matrix).getByRole('row', { name: `${a.abbreviation} ${a.legalName}` });
    const cellsOfA = within(rowOfA).getAllByRole('gridcell');
    expect(cellsOfA).toHaveLength(model.institutions.length);
    const columnOf = (key: string) => model.institutions.findIndex((item) => item.key === key);
    // The diagonal holds A's self-assessment; A's audit of B sits in B's column.
    const self = model.selfAssessments.find((cell) => cell.subject === A)!;
    const selfLink = within(cellsOfA[columnOf(A)]!).getByRole('link');
    expect(selfLink.getAttribute('aria-label')).toMatch(new RegExp(`^Self-assessment of ${a.legalName}, `));
    expect(selfLink.getAttribute('href')).toBe(`#/assessments/${self.assessmentId}`);
    const audit = model.cells.find((cell) => cell.assessor === A && cell.subject === B)!;
    const auditLink = within(cellsOfA[columnOf(B)]!).getByRole('link');
    expect(auditLink.getAttribute('aria-label')).toMatch(new RegExp(`^Audit of ${b.legalName} by ${a.legalName}, `));
    expect(auditLink.getAttribute('href')).toBe(`#/assessments/${audit.assessmentId}`);
    // Every audit and self-assessment of the model has its link, and nothing else does.
    expect(within(matrix).getAllByRole('link')).toHaveLength(model.cells.length + model.selfAssessments.length);

    // The dimensions: a row per dimension, named by its id and title; the weakest one first.
    const dimensions = await findGrid('Dimensions across the consortium');
    const weakest = model.dimensions[0]!;
    const weakestRow = within(dimensions).getByRole('row', { name: new RegExp(`^${weakest.id} ${weakest.title}`) });
    expect(within(weakestRow).getAllByRole('gridcell')[0]!.textContent).toBe(String(weakest.rank));
    expect(within(dimensions).getAllByRole('rowheader')).toHaveLength(model.dimensions.length);
    expect(screen.queryByRole('heading', { name: 'Not counted' })).toBeNull();
    expect(await seriousFindings()).toEqual([]);
    view.unmount();
  }, 60_000);

  it('leaves out a copy not signed by its assessor, says which and why, and the empty cell says there is no audit', async () => {
    // Tampere's audit of Ejemplo, as if relayed by someone else: held, but not Tampere's word.
    await core.store.update(core.assessments.kind, demo.assessments.auditOfA, (held) =>
      held.origin.type === 'exchange' ? { ...held, origin: { ...held.origin, keyFingerprint: '0'.repeat(64) } } : held,
    );
    const model = await core.consortium.model('en', today());
    const { A, B } = demo.institutions;
    const member = (key: string) => model.institutions.find((item) => item.key === key)!;
    const [a, b] = [member(A), member(B)];
    const relayed = model.skipped.find((item) => item.assessmentId === demo.assessments.auditOfA)!;
    expect(relayed.reason).toBe('relayed');
    await renderInApp(<ConsortiumPage />);

    const notCounted = await screen.findByRole('region', { name: 'Not counted' }, { timeout: 20_000 });
    expect(within(notCounted).getByText(`“${relayed.title}” by ${b.legalName}: not signed with ${b.legalName}’s own key (a copy passed on by someone else); only the assessor’s own signed file counts.`)).toBeTruthy();
    const matrix = await findGrid('Audits between the institutions: rows audited columns');
    const rowOfB = within(matrix).getByRole('row', { name: `${b.abbreviation} ${b.legalName}` });
    const cellOfA = within(rowOfB).getAllByRole('gridcell')[model.institutions.findIndex((item) => item.key === A)]!;
    expect(within(cellOfA).queryByRole('link')).toBeNull();
    expect(within(cellOfA).getByText(`No audit of ${a.legalName} by ${b.legalName}`).className).toBe('visually-hidden');
    expect(within(matrix).getAllByRole('link')).toHaveLength(model.cells.length + model.selfAssessments.length);
    expect(await seriousFindings()).toEqual([]);
  }, 60_000);
});
