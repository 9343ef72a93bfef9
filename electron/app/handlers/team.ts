/**
 * The handlers of the team.* channels (shared/ipc/team-contract.ts). Dialogs are asked for here;
 * the work is done by TeamService and the team workbook.
 */
import { writeFileDurably } from '../../store/durable-write';
import { exportTeamQuestionnaire } from '../../import/team-questionnaire';
import type { AreaHandlers, HandlerContext, HandlerTools } from './tools';

export function teamHandlers(core: HandlerContext, tools: HandlerTools): AreaHandlers<'team'> {
  const { team, assessments } = core;
  const { dialogs, t, saveAs } = tools;
  const trustbridge = tools.exchangeFiles;
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
        team.assertCanSign();
        return saveAs('exportTeamRequest', `${name}.trustbridge`, trustbridge(), async (outPath) => writeFileDurably(outPath, await team.requestFile(id, contributorId)));
      }
      return saveAs('exportTeamRequest', `${name}.xlsx`, tools.excel(), (outPath) =>
        exportTeamQuestionnaire({
          services: core,
          templatesDir: tools.templatesDir,
          language,
          assessmentId: id,
          contributorId,
          sender: { name: core.store.settings.userName },
          outPath,
          now: tools.now,
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
    'team.consolidateAll': ({ id, decisions }) => team.consolidateAll(id, decisions),

    'team.openRequest': async ({ path }) => {
      const chosen = path ?? (await dialogs.openFiles({ title: t('dialogs.openTeamRequest'), filters: [trustbridge()], multiple: false }))?.[0];
      return chosen ? team.openRequest(chosen) : null;
    },
    'team.requests': () => team.requests(),
    'team.request': ({ requestId }) => team.request(requestId),
    'team.rate': ({ requestId, criterionId, value, justification, evidence }) => team.rate(requestId, { criterionId, value, justification, evidence }),
    'team.exportContribution': async ({ requestId }) => {
      team.assertCanSign();
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
