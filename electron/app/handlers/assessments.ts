/** Self-assessments and audits: answers, evidence, completion and revisions. */
import type { AreaHandlers, HandlerContext, HandlerTools } from './tools';

export function assessmentHandlers(core: HandlerContext, tools: HandlerTools): AreaHandlers<'assessments'> {
  const { assessments, evidenceFiles } = core;
  const { dialogs, t } = tools;
  return {
    'assessments.list': () => assessments.list(),
    'assessments.view': ({ id, language }) => assessments.view(id, language),
    'assessments.create': (input) => assessments.create(input),
    'assessments.startFromPrevious': (input) => assessments.startFromPrevious(input),
    'assessments.previewCarryOver': (input) => assessments.previewCarryOver(input),
    'assessments.saveAnswer': async ({ id, criterionId, patch }) => assessments.answerSaved(await assessments.saveAnswer(id, criterionId, patch), criterionId),
    'assessments.rename': async ({ id, title }) => {
      await assessments.rename(id, title);
      return assessments.summary(id);
    },
    'assessments.addEvidenceLink': async ({ id, criterionId, label, url }) =>
      assessments.answerSaved(await assessments.addEvidence(id, criterionId, { kind: 'link', label: label.trim(), url }), criterionId),
    'assessments.addEvidenceFiles': async ({ id, criterionId }) => {
      const paths = await dialogs.openFiles({ title: t('dialogs.chooseEvidence'), filters: [], multiple: true });
      if (!paths?.length) return null;
      const latest = await evidenceFiles.attachFiles(id, criterionId, paths);
      return latest ? assessments.answerSaved(latest, criterionId) : null;
    },
    'assessments.removeEvidence': async ({ id, criterionId, evidenceId }) =>
      assessments.answerSaved(await assessments.removeEvidence(id, criterionId, evidenceId), criterionId),
    'assessments.openEvidence': async ({ id, criterionId, evidenceId }) => {
      await dialogs.openFile(await evidenceFiles.copyToOpen(id, criterionId, evidenceId));
      return null;
    },
    'assessments.complete': async ({ id }) => {
      await assessments.complete(id);
      return assessments.summary(id);
    },
    'assessments.reopen': async ({ id }) => assessments.summary((await assessments.reopen(id)).id),
    'assessments.remove': async ({ id }) => {
      await assessments.remove(id);
      return null;
    },
    'assessments.revisions': ({ seriesId }) => assessments.revisions(seriesId),
    'assessments.history': async ({ id }) => (await assessments.get(id)).history,
  };
}
