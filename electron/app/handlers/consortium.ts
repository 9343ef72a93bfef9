/** The consortium overview and its Excel and Word exports. */
import { exportConsortiumSummary, exportConsortiumWorkbook } from '../../export';
import type { AreaHandlers, HandlerContext, HandlerTools } from './tools';

export function consortiumHandlers(core: HandlerContext, tools: HandlerTools): AreaHandlers<'consortium'> {
  const { consortium, store } = core;
  const { saveAs, t, templatesDir, now } = tools;
  return {
    'consortium.model': ({ language, today }) => consortium.model(language, today),
    'consortium.exportWorkbook': async ({ language, today }) =>
      saveAs('exportWorkbook', `${t('dialogs.consortiumName')} ${today}.xlsx`, tools.excel(), async (outPath, onProgress) =>
        exportConsortiumWorkbook({
          model: await consortium.model(language, today),
          templatesDir,
          language,
          outPath,
          onProgress,
          now,
          ...(store.settings.userName ? { preparedBy: store.settings.userName } : {}),
        }),
      ),
    'consortium.exportSummary': async ({ language, today }) =>
      saveAs('exportReport', `${t('dialogs.consortiumName')} ${today}.docx`, tools.word(), async (outPath, onProgress) =>
        exportConsortiumSummary({ model: await consortium.model(language, today), templatesDir, language, outPath, onProgress, appVersion: tools.appVersion, now }),
      ),
  };
}
