/**
 * A Spanish officer after an erasure: the change history of an assessment, over a real core
 * (window.api over the real router), names the erased person with the Spanish word for it, while
 * the store keeps the one language-neutral marker.
 */
import { within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translate } from '../../shared/i18n';
import { createApi } from '../../shared/ipc/api';
import { erasedMarker, erasedWord } from '../../shared/personal-data/erased';
import { personalDataOf, personKey } from '../../electron/services/personal-data';
import { HistoryPanel } from '../../renderer/features/assessments/HistoryPanel';
import { completedSelfAssessment } from '../support/assessment-factories';
import { testCore, type TestCore } from '../support/core';
import { sampleProfile } from '../support/factories';
import { findGrid, renderInApp } from './render';

let core: TestCore;

beforeEach(async () => {
  core = await testCore();
  await core.institutions.saveOwn(sampleProfile({ legalName: 'Universidad de Ejemplo', country: 'ES', city: 'Valencia' }));
  await core.store.updateSettings({ userName: 'Jordi Puig', userRole: 'Quality officer', setupCompleted: true, language: 'es' });
  window.api = createApi(
    (channel, request) => core.router.invoke(channel, request),
    () => () => undefined,
  );
});

afterEach(async () => {
  await core.dispose();
});

describe('an erased person, seen by a Spanish officer', () => {
  it('is named with the Spanish word in the change history, never with the stored marker', async () => {
    const self = await completedSelfAssessment(core);
    await personalDataOf(core).erase(personKey('Jordi Puig'));
    const assessment = await core.assessments.get(self.id);
    expect(assessment.completed?.by).toBe(erasedMarker);

    await renderInApp(<HistoryPanel assessment={assessment} framework={core.assessments.frameworkOf(assessment, 'es')} />, 'es');
    const table = await findGrid(translate('es', 'history.title'));
    const who = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => row.querySelectorAll('[role="rowheader"], [role="gridcell"]')[1]!.textContent);
    expect(who.length).toBeGreaterThan(0);
    expect(new Set(who)).toEqual(new Set([erasedWord('es')]));
    expect(table.textContent).not.toContain(erasedMarker);
    expect(table.textContent).not.toContain('Jordi Puig');
  });
});
