/**
 * The handlers of the team.* channels (shared/ipc/team-contract.ts), spread into the app's
 * handlers. Dialogs are asked for here; the work is done by TeamService and the team workbook.
 */
import { writeFileDurably } from '../store/durable-write';
import type { Handlers } from '../ipc/router';
import type { DialogService } from '../platform/dialogs';
import type { TeamChannel } from '../../shared/ipc/team-contract';
import type { AssessmentService } from '../services/assessments';
import type { FrameworkCatalog } from '../services/frameworks';
import type { InstitutionService } from '../services/institutions';
import type { TeamService } from '../services/team';
import type { Store } from '../store/store';
import { exportTeamQuestionnaire } from '../export/xlsx/team-questionnaire';

export interface TeamHandlerTools {
  dialogs: DialogService;
  templatesDir: string;
  t: (key: string, params?: Record<string, string | number>) => string;
  saveAs: (
    task: string,
    defaultName: string,
    filter: { name: string; extensions: string[] },
    write: (outPath: string, onProgress: (done: number, total: number) => void) => Promise<unknown>,
  ) => Promise<{ path: string } | null>;
}

export function teamHandlers(
  core: { store: Store; team: TeamService; assessments: AssessmentService; frameworks: FrameworkCatalog; institutions: InstitutionService },
  tools: TeamHandlerTools,
): Pick<Handlers, TeamChannel> {
  const { team, assessments } = core;
  const { dialogs, t, saveAs } = tools;
  const trustbridge = () => ({ name: t('dialogs.exchangeFiles'), extensions: ['trustbridge'] });
  const contributorName = async (id: string, contributorId: string) =>
    (await assessments.get(id)).team?.contributors.find((contributor) => contributor.id === contributorId)?.name ?? 'TrustBridge';

  return {
    'team.view': ({ id, language }) => team.view(id, language),
    'team.addContributor': ({ id, contributor }) => team.addContributor(id, contributor),
    'team.updateContributor': ({ id, contributorId, contributor }) => team.updateContributor(id, contributorId, contributor),
    'team.removeContributor': ({ id, contributorId }) => team.removeContributor(id, contributorId),
    'team.assign': ({ id, contributorId, assignment }) => team.assign(id, contributorId, assignment),
    'team.exportRequest': async ({ id, contributorId, format, language }) => {
      const name = t('dialogs.teamRequestName', { name: await contributorName(id, contributorId), title: assessments.summary(id).title });
      if (format === 'trustbridge') {
        // Ask for the passphrase (if needed) before asking where to save.
        core.team.assertCanSign();
        return saveAs('exportTeamRequest', `${name}.trustbridge`, trustbridge(), async (outPath) => writeFileDurably(outPath, await team.requestFile(id, contributorId)));
      }
      return saveAs('exportTeamRequest', `${name}.xlsx`, { name: t('dialogs.excelFiles'), extensions: ['xlsx'] }, (outPath) =>
        exportTeamQuestionnaire({
          services: core,
          templatesDir: tools.templatesDir,
          language,
          assessmentId: id,
          contributorId,
          sender: { name: core.store.settings.userName },
          outPath,
        }),
      );
    },
    'team.previewContribution': async ({ id, path }) => {
      const chosen =
        path ??
        (
          await dialogs.openFiles({
            title: t('dialogs.importTeamContribution'),
            filters: [{ name: t('dialogs.teamContributionFiles'), extensions: ['trustbridge', 'xlsx'] }],
            multiple: false,
          })
        )?.[0];
      return chosen ? team.previewContribution(id, chosen) : null;
    },
    'team.applyContribution': ({ token }) => team.applyContribution(token),
    'team.consolidate': ({ id, criterionId, value, reason, fromRatingIds }) => team.consolidate(id, { criterionId, value, reason, fromRatingIds }),

    'team.openRequest': async ({ path }) => {
      const chosen = path ?? (await dialogs.openFiles({ title: t('dialogs.openTeamRequest'), filters: [trustbridge()], multiple: false }))?.[0];
      return chosen ? team.openRequest(chosen) : null;
    },
    'team.requests': () => team.requests(),
    'team.request': ({ requestId }) => team.request(requestId),
    'team.rate': ({ requestId, criterionId, value, justification, evidence }) => team.rate(requestId, { criterionId, value, justification, evidence }),
    'team.exportContribution': async ({ requestId }) => {
      core.team.assertCanSign();
      const request = await team.request(requestId);
      const name = t('dialogs.teamContributionName', { name: request.contributor.name, title: request.assessment.title });
      return saveAs('exportTeamContribution', `${name}.trustbridge`, trustbridge(), async (outPath) => writeFileDurably(outPath, await team.contributionFile(requestId)));
    },
    'team.removeRequest': async ({ requestId }) => {
      await team.removeRequest(requestId);
      return null;
    },
  };
}
