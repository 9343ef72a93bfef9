/**
 * The coordinator's consolidation view and the agreement panel, over team views built by the real
 * view model (shared/team/view-model.ts) from assessments holding colleagues' ratings. The merge
 * view's decisions are applied to the assessment and the view rebuilt, as the service does, so
 * what the screen shows after a decision is what the core makes of it.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { Assessment } from '../../shared/assessment/schema';
import { ordinalAlpha } from '../../shared/team/alpha';
import type { RatingValue, Team, TeamRating } from '../../shared/team/schema';
import { buildTeamView } from '../../shared/team/view-model';
import { AgreementPanel } from '../../renderer/features/assessments/team/AgreementPanel';
import type { ConsolidationDecision } from '../../shared/ipc/team-contract';
import { MergeView } from '../../renderer/features/assessments/team/MergeView';
import { assessmentOf, smallFramework, uniA } from '../support/report-fixtures';
import { renderInApp } from './render';

const framework = smallFramework();
const at = '2026-11-02T09:00:00.000Z';
const people = [
  { id: 'c-ana', name: 'Ana Registrar', role: 'Registrar' },
  { id: 'c-ben', name: 'Ben Data', role: 'Data protection officer' },
  { id: 'c-eva', name: 'Eva Programmes', role: 'Programme leader' },
];

/** An assessment whose colleagues gave these values (criterion → contributor id → value). */
function teamAssessment(values: Record<string, Record<string, RatingValue>>): Assessment {
  const assessment = assessmentOf(framework, { kind: 'self', subject: uniA, ratings: {}, status: 'draft' });
  const ratings: TeamRating[] = Object.entries(values).flatMap(([criterionId, byPerson]) =>
    Object.entries(byPerson).map(([contributorId, value]) => ({
      id: `r-${criterionId}-${contributorId}`,
      contributorId,
      criterionId,
      value,
      justification: `${contributorId} on ${criterionId}: what I saw.`,
      evidence: [{ label: `Minutes for ${criterionId}`, url: `https://intranet.example.eu/${criterionId}` }],
      ratedAt: at,
      recordedAt: at,
      source: { type: 'signed', fileName: `${contributorId}.trustbridge`, keyFingerprint: 'a'.repeat(64) },
    })),
  );
  const team: Team = {
    contributors: people.map((person) => ({ ...person, email: '', assignment: { dimensions: ['GOV', 'DAT'], criteria: [] }, addedAt: at, requests: [] })),
    ratings,
    consolidations: {},
    history: [],
  };
  return { ...assessment, team };
}

describe('the agreement panel', () => {
  it('shows alpha with its reading and what it rests on, overall and per dimension', async () => {
    // GOV: two colleagues agree exactly on two criteria with different levels (alpha 1); DAT: one rating each, nothing to pair.
    const view = buildTeamView(teamAssessment({ 'GOV-01': { 'c-ana': 3, 'c-ben': 3 }, 'GOV-02': { 'c-ana': 1, 'c-ben': 1 }, 'DAT-01': { 'c-eva': 2 }, 'DAT-02': { 'c-ben': 0 } }), framework);
    await renderInApp(<AgreementPanel agreement={view.agreement} dimensions={view.dimensions} raters={view.raters} flagged={view.counts.flagged} />);
    const panel = screen.getByTestId('team-agreement');
    expect(within(panel).getByText('Overall agreement (Krippendorff’s alpha): 1.000')).toBeTruthy();
    expect(screen.getByTestId('team-agreement-reading').textContent).toBe('The colleagues agreed well: the ratings can be relied on.');
    expect(panel.textContent).toContain('Based on 4 pairable ratings on 2 criteria, from 3 colleagues.');
    const rows = within(panel).getAllByRole('row').slice(1);
    expect(rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent))).toEqual([
      ['GOV · Dimension GOV', '1.000', '4 on 2 criteria', 'Reliable'],
      ['DAT · Dimension DAT', '—', '—', 'Too little to tell'],
    ]);
  });

  it('calls poor agreement unreliable and flags it, in Spanish with the Spanish number format', async () => {
    const view = buildTeamView(teamAssessment({ 'GOV-01': { 'c-ana': 0, 'c-ben': 4 }, 'GOV-02': { 'c-ana': 4, 'c-ben': 1 }, 'DAT-01': { 'c-ana': 2, 'c-eva': 2, 'c-ben': 'na' } }), framework);
    // The figure the panel must show, from the coefficient itself (checked by hand in the unit tests).
    const expected = ordinalAlpha([[0, 4], [4, 1], [2, 2, 'na']]).alpha!;
    expect(expected).toBeLessThan(0.667);
    await renderInApp(<AgreementPanel agreement={view.agreement} dimensions={view.dimensions} raters={view.raters} flagged={view.counts.flagged} />, 'es');
    const panel = screen.getByTestId('team-agreement');
    const shown = new Intl.NumberFormat('es', { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(expected);
    expect(shown).toContain(',');
    expect(within(panel).getByText(`Acuerdo global (alfa de Krippendorff): ${shown}`)).toBeTruthy();
    expect(within(panel).getAllByText('Poco fiable').length).toBeGreaterThan(0);
    expect(panel.textContent).toContain('2 criterios tienen una dispersión de dos niveles o más');
    expect(panel.textContent).not.toMatch(/\{\{|team\./);
  });
});

/** The merge view over an assessment held in state: a decision is stored and the view rebuilt. */
function Harness({ initial, calls, batches = [] }: { initial: Assessment; calls: ConsolidationDecision[]; batches?: ConsolidationDecision[][] }) {
  const [assessment, setAssessment] = useState(initial);
  const view = buildTeamView(assessment, framework);
  const store = (requests: ConsolidationDecision[]) =>
    setAssessment((current) => ({
      ...current,
      team: {
        ...current.team!,
        consolidations: { ...current.team!.consolidations, ...Object.fromEntries(requests.map((request) => [request.criterionId, { ...request, decidedBy: 'QA officer', decidedAt: at }])) },
      },
    }));
  return (
    <MergeView
      view={view}
      onConsolidate={async (request) => {
        calls.push(request);
        store([request]);
        return true;
      }}
      onConsolidateAll={async (requests) => {
        batches.push(requests);
        store(requests);
        return true;
      }}
    />
  );
}

describe('the merge view', () => {
  const values = { 'GOV-01': { 'c-ana': 1, 'c-ben': 4 }, 'GOV-02': { 'c-ana': 2, 'c-eva': 3 }, 'DAT-01': { 'c-eva': 2 }, 'DAT-02': { 'c-ben': 3, 'c-eva': 3 } } as const;

  it('shows every rating side by side with its spread, flags a spread of two or more, and proposes single and shared ratings', async () => {
    await renderInApp(<Harness initial={teamAssessment(values)} calls={[]} />);
    const gov1 = screen.getByTestId('merge-GOV-01');
    expect(within(gov1).getByText('Discuss')).toBeTruthy();
    expect(within(gov1).getByText('spread 3 levels')).toBeTruthy();
    const rows = within(gov1).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.querySelector('[role="rowheader"]')!.textContent)).toEqual([expect.stringContaining('Ana Registrar'), expect.stringContaining('Ben Data')]);
    expect(rows[1]!.textContent).toContain('Level 4');
    expect(rows[1]!.textContent).toContain('c-ben on GOV-01: what I saw.');
    expect(rows[1]!.textContent).toContain('Minutes for GOV-01');
    expect(within(gov1).getByText('The colleagues disagree: decide which level the assessment takes.')).toBeTruthy();
    const gov2 = screen.getByTestId('merge-GOV-02');
    expect(within(gov2).queryByText('Discuss')).toBeNull();
    expect(within(gov2).getByText('spread one level')).toBeTruthy();
    expect(screen.getByTestId('merge-DAT-01').textContent).toContain('Proposed: Level 2, the only rating.');
    expect(screen.getByTestId('merge-DAT-02').textContent).toContain('Proposed: Level 3, on which all colleagues agree.');
    // Each level names who gave it, so choosing a colleague's rating is choosing its level.
    expect(within(gov1).getByRole('radio', { name: /Level 4 \(Ben Data\)/ })).toBeTruthy();
  });

  it('filters to the flagged criteria and to those that still need a decision', async () => {
    const user = userEvent.setup();
    await renderInApp(<Harness initial={teamAssessment(values)} calls={[]} />);
    await user.click(screen.getByRole('radio', { name: 'Flagged for discussion (1)' }));
    expect(screen.getAllByTestId(/^merge-/).map((card) => card.dataset['testid'])).toEqual(['merge-GOV-01']);
    await user.click(screen.getByRole('radio', { name: 'All rated (4)' }));
    expect(screen.getAllByTestId(/^merge-/)).toHaveLength(4);
  });

  it('decides a disagreement by keyboard alone: a level, the reason, Consolidate; the reason is required', async () => {
    const user = userEvent.setup();
    const calls: ConsolidationDecision[] = [];
    await renderInApp(<Harness initial={teamAssessment(values)} calls={calls} />);
    const gov1 = screen.getByTestId('merge-GOV-01');
    // Tab from the filter reaches the first card's ratings (a grid, one Tab stop), then its level choices.
    screen.getByRole('radio', { name: /Needs a decision/ }).focus();
    await user.tab();
    expect(within(gov1).getByRole('grid', { name: 'Ratings of GOV-01' }).contains(document.activeElement)).toBe(true);
    await user.tab();
    expect(document.activeElement).toBe(within(gov1).getByRole('radio', { name: /Level 0/ }));
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(within(gov1).getByRole('radio', { name: /Level 2/ })).toHaveProperty('checked', true);
    await user.tab(); // the reason
    await user.tab(); // Consolidate
    expect(document.activeElement?.textContent).toBe('Consolidate');
    await user.keyboard('{Enter}');
    expect(calls).toHaveLength(0);
    expect(within(gov1).getByText('Write the reason for this decision.')).toBeTruthy();
    await user.click(within(gov1).getByRole('textbox', { name: /Reason for the decision/ }));
    await user.keyboard('Discussed in the committee on 3 November: a draft exists, nothing adopted.');
    await user.tab();
    await user.keyboard('{Enter}');
    expect(calls).toEqual([
      { criterionId: 'GOV-01', value: 2, reason: 'Discussed in the committee on 3 November: a draft exists, nothing adopted.', fromRatingIds: ['r-GOV-01-c-ana', 'r-GOV-01-c-ben'] },
    ]);
    // Decided: it leaves the "needs a decision" list; under "All" it says who decided and why.
    expect(screen.queryByTestId('merge-GOV-01')).toBeNull();
    await user.click(screen.getByRole('radio', { name: 'All rated (4)' }));
    expect(screen.getByTestId('decision-GOV-01').textContent).toContain('Decided: Level 2, by QA officer');
    expect(screen.getByTestId('decision-GOV-01').textContent).toContain('Reason: Discussed in the committee');

    // Changing the decision starts from its reason, which every key extends; Cancel drops what was typed.
    const decided = screen.getByTestId('merge-GOV-01');
    const stored = 'Discussed in the committee on 3 November: a draft exists, nothing adopted.';
    await user.click(within(decided).getByRole('button', { name: 'Change the decision' }));
    const reason = within(decided).getByRole('textbox', { name: /Reason for the decision/ });
    expect(reason).toHaveProperty('value', stored);
    await user.type(reason, ' Confirmed on 10 November.');
    expect(reason).toHaveProperty('value', `${stored} Confirmed on 10 November.`);
    await user.click(within(decided).getByRole('button', { name: 'Cancel' }));
    await user.click(within(decided).getByRole('button', { name: 'Change the decision' }));
    expect(within(decided).getByRole('textbox', { name: /Reason for the decision/ })).toHaveProperty('value', stored);
    // What is typed and consolidated at once (no pause) is what is stored.
    await user.type(within(decided).getByRole('textbox', { name: /Reason for the decision/ }), ' Confirmed.');
    await user.tab();
    await user.keyboard('{Enter}');
    expect(calls.at(-1)).toMatchObject({ criterionId: 'GOV-01', value: 2, reason: `${stored} Confirmed.` });
  });

  it('takes over the undisputed proposals in one request and leaves the disagreements', async () => {
    const user = userEvent.setup();
    const calls: ConsolidationDecision[] = [];
    const batches: ConsolidationDecision[][] = [];
    await renderInApp(<Harness initial={teamAssessment(values)} calls={calls} batches={batches} />);
    await user.click(screen.getByRole('button', { name: 'Take over the 2 undisputed proposals' }));
    expect(calls).toEqual([]);
    expect(batches.map((batch) => batch.map((call) => [call.criterionId, call.value]))).toEqual([
      [
        ['DAT-01', 2],
        ['DAT-02', 3],
      ],
    ]);
    expect(screen.getAllByTestId(/^merge-/).map((card) => card.dataset['testid'])).toEqual(['merge-GOV-01', 'merge-GOV-02']);
  });
});
