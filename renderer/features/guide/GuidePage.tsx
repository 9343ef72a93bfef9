import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { frameworkTitle, type FrameworkListItem } from '../../../shared/framework/catalog';
import type { Framework, Language } from '../../../shared/framework/schema';
import { Loaded, Page } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { api } from '../../lib/api';
import { useResource } from '../../lib/use-resource';
import { FrameworkVersions } from './FrameworkVersions';
import { CoverageView } from './CoverageView';
import { GuideBrowser } from './GuideBrowser';
import { useUiLanguage } from '../../lib/format';
import { defaultFrameworkFor } from '../../../shared/framework/guide2';

export function GuidePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const frameworks = useResource(() => api().frameworks.list(), []);
  const list = frameworks.data ?? [];
  const uiLanguage = useUiLanguage();
  // Opens at the newest built-in version (the one new assessments start with); the others stay
  // one choice away in the list below.
  const newest = defaultFrameworkFor(list, uiLanguage) ?? list[0];
  const key = params.get('framework') ?? newest?.key ?? '';
  const item = list.find((candidate) => candidate.key === key) ?? newest;
  const wanted = (params.get('language') as Language | null) ?? uiLanguage;
  const language = item?.languages.includes(wanted) ? wanted : (item?.language ?? 'en');
  const tab = params.get('tab') === 'versions' ? 'versions' : params.get('tab') === 'coverage' ? 'coverage' : 'browse';
  const selected = useResource<{ item: FrameworkListItem; framework: Framework } | undefined>(
    async () => (item ? api().frameworks.get({ key: item.key, language }) : { ok: true, value: undefined }),
    [item?.key, language],
  );
  const set = (changes: Record<string, string>) => setParams({ ...Object.fromEntries(params), ...changes }, { replace: true });

  return (
    <Page title={selected.data?.framework.title ?? t('nav.guide')} intro={selected.data?.framework.summary} resource={frameworks}>
      {() => (
        <Tabs selectedKey={tab} onSelectionChange={(next) => set({ tab: String(next) })} className="tabs">
          <TabList aria-label={t('nav.guide')} className="tabs__list">
            <Tab id="browse" className="tabs__tab">
              {t('guide.browse')}
            </Tab>
            <Tab id="versions" className="tabs__tab">
              {t('guide.versions')}
            </Tab>
            <Tab id="coverage" className="tabs__tab">
              {t('guide2.coverageTitle')}
            </Tab>
          </TabList>
          <TabPanel id="browse" className="tabs__panel">
            {item && (
              <div className="toolbar">
                <SelectField
                  label={t('guide.framework')}
                  value={item.key}
                  options={list.map((candidate) => ({
                    value: candidate.key,
                    label: `${frameworkTitle(candidate, uiLanguage)} ${candidate.version}${candidate.status === 'draft' ? ` (${t('guide.draft')})` : ''}`,
                  }))}
                  onChange={(next) => set({ framework: next })}
                  name="framework"
                />
                {item.languages.length > 1 && (
                  <SelectField
                    label={t('guide.language')}
                    value={language}
                    options={item.languages.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
                    onChange={(next) => set({ language: next })}
                    name="guideLanguage"
                  />
                )}
              </div>
            )}
            <Loaded resource={selected}>{(shown) => shown && <GuideBrowser key={`${shown.item.key}-${language}`} framework={shown.framework} />}</Loaded>
          </TabPanel>
          <TabPanel id="coverage" className="tabs__panel">
            <Loaded resource={selected}>{(shown) => shown && <CoverageView key={`${shown.item.key}-${language}`} framework={shown.framework} language={language} />}</Loaded>
          </TabPanel>
          <TabPanel id="versions" className="tabs__panel">
            <FrameworkVersions items={list} onChanged={frameworks.reload} language={language} />
          </TabPanel>
        </Tabs>
      )}
    </Page>
  );
}
