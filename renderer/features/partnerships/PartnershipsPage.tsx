import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Page } from '../../components/Page';
import { PartnersList } from '../partners/PartnersList';
import { PartnershipsList } from './PartnershipsList';

export function PartnershipsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'partners' ? 'partners' : 'partnerships';
  return (
    <Page title={t('nav.partnerships')}>
      <Tabs selectedKey={tab} onSelectionChange={(key) => setParams({ tab: String(key) }, { replace: true })} className="tabs">
        <TabList aria-label={t('nav.partnerships')} className="tabs__list">
          <Tab id="partnerships" className="tabs__tab">
            {t('nav.partnerships')}
          </Tab>
          <Tab id="partners" className="tabs__tab">
            {t('partners.title')}
          </Tab>
        </TabList>
        <TabPanel id="partnerships" className="tabs__panel">
          <PartnershipsList />
        </TabPanel>
        <TabPanel id="partners" className="tabs__panel">
          <PartnersList />
        </TabPanel>
      </Tabs>
    </Page>
  );
}
