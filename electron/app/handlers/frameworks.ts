/** The guide: frameworks, their drafts and versions, and framework files in and out. */
import type { AreaHandlers, HandlerContext, HandlerTools } from './tools';

export function frameworkHandlers(core: HandlerContext, tools: HandlerTools): AreaHandlers<'frameworks'> {
  const { frameworks } = core;
  const { dialogs, t } = tools;
  const frameworkFiles = () => ({ name: t('dialogs.frameworkFiles'), extensions: ['json'] });
  return {
    'frameworks.list': () => frameworks.list(),
    'frameworks.get': async ({ key, language }) => ({ item: frameworks.item(key), framework: await frameworks.get(key, language) }),
    'frameworks.clone': (input) => frameworks.clone(input),
    'frameworks.updateDraft': ({ key, framework }) => frameworks.updateDraft(key, framework),
    'frameworks.publish': ({ key }) => frameworks.publish(key),
    'frameworks.removeDraft': async ({ key }) => {
      await frameworks.removeDraft(key);
      return null;
    },
    'frameworks.export': async ({ key, language }) => {
      const item = frameworks.item(key);
      const path = await dialogs.saveFile({
        title: t('dialogs.exportFramework'),
        defaultName: `${item.id}-${item.version}${language ? `-${language}` : ''}.json`,
        filters: [frameworkFiles()],
      });
      if (!path) return null;
      await frameworks.exportTo(key, path, language);
      tools.wrote(path);
      return { path };
    },
    'frameworks.import': async () => {
      const paths = await dialogs.openFiles({ title: t('dialogs.importFramework'), filters: [frameworkFiles()], multiple: false });
      const path = paths?.[0];
      return path ? frameworks.importFrom(path) : null;
    },
    'frameworks.diff': ({ olderKey, newerKey, language }) => frameworks.diff(olderKey, newerKey, language),
  };
}
