/** Agreements: drafting, signing, and sending them as exchange files or Word documents. */
import { exportAgreement } from '../../export';
import { writeFileDurably } from '../../store/durable-write';
import type { AreaHandlers, HandlerContext, HandlerTools } from './tools';

export function agreementHandlers(core: HandlerContext, tools: HandlerTools): AreaHandlers<'agreements'> {
  const { agreements, partnerships, frameworks, inbox } = core;
  const { saveAs, templatesDir, now } = tools;
  return {
    'agreements.list': () => agreements.list(),
    'agreements.forPartnership': async ({ id }) => agreements.forPartnership(await partnerships.get(id)),
    'agreements.view': ({ id }) => agreements.view(id),
    'agreements.create': async (input) => agreements.summary((await agreements.create(input)).id),
    'agreements.update': async ({ id, edit }) => {
      await agreements.update(id, edit);
      return agreements.view(id);
    },
    'agreements.refreshConditions': async ({ id }) => {
      await agreements.refreshConditions(id);
      return agreements.view(id);
    },
    'agreements.amend': async ({ id }) => {
      await agreements.amend(id);
      return agreements.view(id);
    },
    'agreements.sign': async ({ id }) => {
      await agreements.sign(id);
      return agreements.view(id);
    },
    'agreements.exportFile': async ({ id }) => {
      // Refused before the dialog when there is nothing signed to send.
      const bytes = await agreements.exchangeFile(id);
      const agreement = await agreements.get(id);
      return saveAs('exportExchange', `${agreement.content.title}.trustbridge`, tools.exchangeFiles(), async (outPath, onProgress) => {
        onProgress(0, 1);
        await writeFileDurably(outPath, bytes);
        onProgress(1, 1);
      });
    },
    'agreements.exportWord': async ({ id, language }) => {
      const agreement = await agreements.get(id);
      const framework = frameworks.byRef(agreement.content.framework, language) ?? frameworks.byRef(agreement.content.framework);
      return saveAs('exportAgreement', `${agreement.content.title}.docx`, tools.word(), (outPath, onProgress) =>
        exportAgreement({ agreement, templatesDir, language, outPath, onProgress, now, ...(framework ? { framework } : {}) }),
      );
    },
    'agreements.publish': async ({ id }) => {
      const bytes = await agreements.exchangeFile(id);
      const agreement = await agreements.get(id);
      const signedBy = agreement.signatures.length > 1 ? 'countersigned' : 'signed';
      const path = await inbox.publish(`${agreement.content.title} - ${signedBy} - ${tools.today()}`, bytes);
      tools.wrote(path);
      return { path };
    },
    'agreements.remove': async ({ id }) => {
      await agreements.remove(id);
      return null;
    },
  };
}
