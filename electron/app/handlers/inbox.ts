/** The shared folder: files partners put there, accepted or refused. */
import type { AreaHandlers, HandlerContext, HandlerTools } from './tools';

export function inboxHandlers(core: HandlerContext, tools: HandlerTools): AreaHandlers<'inbox'> {
  const { inbox } = core;
  return {
    'inbox.view': () => inbox.view(),
    'inbox.chooseFolder': async () => {
      const folder = await tools.dialogs.openFolder({ title: tools.t('dialogs.chooseSharedFolder') });
      return folder ? inbox.setFolder(folder) : null;
    },
    'inbox.clearFolder': () => inbox.setFolder(null),
    'inbox.check': () => inbox.scan(),
    'inbox.accept': ({ sha256 }) => inbox.accept(sha256),
    'inbox.acceptAll': () => inbox.acceptAll(tools.progress('importExchange')),
    'inbox.refuse': ({ sha256 }) => inbox.refuse(sha256),
    'inbox.acceptChangedKey': ({ sha256 }) => inbox.acceptChangedKey(sha256),
  };
}
