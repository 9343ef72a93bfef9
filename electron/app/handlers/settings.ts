/** Settings, backups of the whole data folder, and the personal data named in it. */
import { erasureView, personalDataOf, personView } from '../../services/personal-data';
import { backupFileName, backupStore, restoreStore } from '../../services/store-backup';
import type { AreaHandlers, HandlerContext, HandlerTools } from './tools';

export function settingsHandlers(
  core: HandlerContext,
  tools: HandlerTools,
): AreaHandlers<'settings'> & AreaHandlers<'data'> & AreaHandlers<'personalData'> {
  const { store } = core;
  const { dialogs, t, saveAs } = tools;
  const personalData = () => personalDataOf(core, tools.now);
  const backupFiles = () => ({ name: t('dialogs.backupFiles'), extensions: ['zip'] });
  return {
    'settings.get': () => store.settings,
    'settings.update': (patch) => store.updateSettings(patch),

    'data.backup': async () => {
      let files = 0;
      const result = await saveAs('backupData', backupFileName(tools.now()), backupFiles(), async (outPath, onProgress) => {
        files = (await backupStore(tools.dataDir, outPath, onProgress, { appVersion: tools.appVersion, now: tools.now })).files;
      });
      return result ? { path: result.path, files } : null;
    },
    'data.restore': async () => {
      const archives = await dialogs.openFiles({ title: t('dialogs.restoreData'), filters: [backupFiles()], multiple: false });
      const archive = archives?.[0];
      if (!archive) return null;
      const folder = await dialogs.openFolder({ title: t('dialogs.restoreDataInto') });
      if (!folder) return null;
      const restored = await restoreStore(archive, folder, tools.progress('restoreData'));
      tools.wrote(restored.dataDir);
      return { dataDir: restored.dataDir, files: restored.files };
    },

    'personalData.list': async () => (await personalData().list()).map(personView),
    'personalData.export': async () =>
      saveAs('exportPersonalData', `${t('dialogs.personalDataName')}.json`, { name: t('dialogs.jsonFiles'), extensions: ['json'] }, (outPath) => personalData().exportTo(outPath)),
    'personalData.erase': async ({ key }) => erasureView(await personalData().erase(key)),
  };
}
