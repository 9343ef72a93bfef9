/**
 * Exchange files out and in (to a file, to the shared folder, previewed and applied), and filled
 * partner questionnaires read back.
 */
import {
  acceptQuestionnairePreview,
  keepQuestionnairePreview,
  previewQuestionnaire,
  questionnairePreviewView,
} from '../../import/questionnaire';
import { writeFileDurably } from '../../store/durable-write';
import type { AreaHandlers, HandlerContext, HandlerTools } from './tools';

export function exchangeHandlers(core: HandlerContext, tools: HandlerTools): AreaHandlers<'exchange'> & AreaHandlers<'imports'> {
  const { identity, assessments, partnerships, institutions, exchange, inbox, previews } = core;
  const { dialogs, t, saveAs } = tools;

  /** The items of an exchange file, and the title of the first one (it names the file). */
  const items = async ({ assessmentIds, partnershipIds }: { assessmentIds?: string[] | undefined; partnershipIds?: string[] | undefined }) => ({
    firstTitle: assessmentIds?.[0] ? assessments.summary(assessmentIds[0]).title : partnershipIds?.[0] ? (await partnerships.get(partnershipIds[0])).title : 'TrustBridge',
    count: (assessmentIds?.length ?? 0) + (partnershipIds?.length ?? 0),
    chosen: { ...(assessmentIds ? { assessmentIds } : {}), ...(partnershipIds ? { partnershipIds } : {}) },
  });

  return {
    'exchange.export': async (request) => {
      // Ask for the passphrase (if needed) before asking where to save.
      identity.assertUnlocked();
      const { firstTitle, count, chosen } = await items(request);
      const name = count > 1 ? t('dialogs.exchangeName', { count }) : firstTitle;
      return saveAs('exportExchange', `${name}.trustbridge`, tools.exchangeFiles(), async (outPath, onProgress) => {
        onProgress(0, 2);
        const bytes = await exchange.exportItems(chosen);
        onProgress(1, 2);
        await writeFileDurably(outPath, bytes);
        onProgress(2, 2);
      });
    },
    'exchange.publish': async (request) => {
      identity.assertUnlocked();
      const { firstTitle, chosen } = await items(request);
      const own = await institutions.getOwn();
      const bytes = await exchange.exportItems(chosen);
      const path = await inbox.publish(`${own?.legalName ?? 'TrustBridge'} - ${firstTitle} - ${tools.today()}`, bytes);
      tools.wrote(path);
      return { path };
    },
    'exchange.previewFiles': async ({ paths }) => {
      const chosen = paths ?? (await dialogs.openFiles({ title: t('dialogs.importExchange'), filters: [tools.exchangeFiles()], multiple: true }));
      if (!chosen?.length) return null;
      return exchange.preview(chosen, tools.progress('importExchange'));
    },
    'exchange.previewFolder': async () => {
      const folder = await dialogs.openFolder({ title: t('dialogs.importFolder') });
      if (!folder) return null;
      return exchange.preview(await exchange.filesIn(folder), tools.progress('importExchange'));
    },
    'exchange.acceptChangedKey': ({ token }) => exchange.acceptChangedKey(token),
    'exchange.apply': ({ tokens }) => exchange.apply(tokens),

    'imports.questionnairePreview': async () => {
      const paths = await dialogs.openFiles({ title: t('dialogs.importQuestionnaire'), filters: [tools.excel()], multiple: false });
      const path = paths?.[0];
      if (!path) return null;
      const preview = await previewQuestionnaire({ core, path, now: tools.now });
      return questionnairePreviewView(preview, keepQuestionnairePreview(previews, preview));
    },
    'imports.questionnaireAccept': async ({ token }) => assessments.summary((await acceptQuestionnairePreview({ core, previews, token })).id),
  };
}
