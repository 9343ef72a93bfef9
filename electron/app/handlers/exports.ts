/** Word reports and Excel workbooks of assessments and partnerships, and the partner questionnaire. */
import { exportAssessmentReport, exportAssessmentWorkbook, exportBrief, exportQuestionnaire, exportReadinessReport } from '../../export';
import type { AreaHandlers, HandlerContext, HandlerTools } from './tools';

export function exportHandlers(core: HandlerContext, tools: HandlerTools): AreaHandlers<'exports'> {
  const { assessments, partnerships, institutions } = core;
  const { saveAs, t, templatesDir, appVersion, now } = tools;
  return {
    'exports.assessmentReport': async ({ id, language }) => {
      const summary = assessments.summary(id);
      return saveAs('exportReport', `${summary.title}.docx`, tools.word(), (outPath, onProgress) =>
        exportAssessmentReport({ core, templatesDir, language, id, outPath, onProgress, appVersion, now }),
      );
    },
    'exports.readinessReport': async ({ id, language }) => {
      const partnership = await partnerships.get(id);
      return saveAs('exportReport', `${partnership.title}.docx`, tools.word(), (outPath, onProgress) =>
        exportReadinessReport({ core, templatesDir, language, id, outPath, onProgress, appVersion, now }),
      );
    },
    'exports.brief': async ({ id, language }) => {
      const partnership = await partnerships.get(id);
      return saveAs('exportReport', `${partnership.title} — brief.docx`, tools.word(), (outPath, onProgress) =>
        exportBrief({ core, templatesDir, language, id, outPath, onProgress, appVersion, now }),
      );
    },
    'exports.workbook': async ({ id, language, of }) => {
      const title = of === 'assessment' ? assessments.summary(id).title : (await partnerships.get(id)).title;
      return saveAs('exportWorkbook', `${title}.xlsx`, tools.excel(), (outPath, onProgress) =>
        exportAssessmentWorkbook({ core, templatesDir, language, id, outPath, onProgress, appVersion, now }),
      );
    },
    'exports.questionnaire': async ({ partnerId, frameworkKey, language }) => {
      const partner = await institutions.get(partnerId);
      return saveAs('exportQuestionnaire', `${t('dialogs.questionnaireName', { name: partner.legalName })}.xlsx`, tools.excel(), (outPath, onProgress) =>
        exportQuestionnaire({ core, templatesDir, language, institutionId: partnerId, frameworkKey, outPath, onProgress, now }),
      );
    },
  };
}
