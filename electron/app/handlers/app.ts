/** The app itself: its description, files handed over by the OS, "show in folder", store notices and the home overview. */
import { AppError } from '../../../shared/errors';
import { homeOverviewOf } from '../../services/home';
import type { AreaHandlers, HandlerContext, HandlerTools } from './tools';

export function appHandlers(
  core: HandlerContext,
  tools: HandlerTools,
): AreaHandlers<'app'> & AreaHandlers<'files'> & AreaHandlers<'store'> & AreaHandlers<'home'> {
  const { store, openedFiles } = core;
  return {
    'app.info': () => ({
      name: 'TrustBridge',
      version: tools.appVersion,
      dataDir: tools.dataDir,
      platform: tools.platform,
      systemLocale: tools.systemLocale,
    }),
    'app.openedFiles': () => openedFiles.take(),
    'files.showInFolder': ({ path }) => {
      if (!tools.hasWritten(path)) throw new AppError({ code: 'NOT_FOUND', message: 'TrustBridge only shows files it saved in this session.' });
      tools.dialogs.showInFolder(path);
      return null;
    },
    'store.notices': () => store.notices,
    'store.dismissNotice': async ({ id }) => {
      await store.dismissNotice(id);
      return null;
    },
    'home.overview': (request) => homeOverviewOf(core, request),
  };
}
