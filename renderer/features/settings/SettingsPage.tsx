import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../shared/settings';
import { Button } from '../../components/Button';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { LinkButton } from '../../components/LinkButton';
import { Page } from '../../components/Page';
import { LanguageField } from '../../components/LanguageField';
import { TextInput } from '../../components/TextInput';
import { notify } from '../../components/Toasts';
import { useApp } from '../../app/app-context';
import { DataCard, PersonalDataCard } from './DataCard';
import { SigningKeyCard } from './SigningKeyCard';

export function SettingsPage() {
  const { t } = useTranslation();
  const { settings, updateSettings, info } = useApp();
  const [userName, setUserName] = useState(settings.userName);
  const [userRole, setUserRole] = useState(settings.userRole);
  const [nameError, setNameError] = useState<string>();

  const saveYou = async () => {
    if (!userName.trim()) return setNameError(t('validation.required'));
    setNameError(undefined);
    if (await updateSettings({ userName, userRole })) notify(t('settings.saved'));
  };

  return (
    <Page title={t('settings.title')}>
      <div className="settings-grid">
        <section className="card" aria-labelledby="settings-institution">
          <h2 id="settings-institution">{t('profile.ownTitle')}</h2>
          <p className="muted">{t('profile.ownIntro')}</p>
          <LinkButton href="/settings/institution">{t('home.editProfile')}</LinkButton>
        </section>

        <section className="card" aria-labelledby="settings-you">
          <h2 id="settings-you">{t('settings.you')}</h2>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void saveYou();
            }}
          >
            <TextInput label={t('settings.userName')} value={userName} onChange={setUserName} error={nameError} isRequired name="userName" />
            <TextInput label={t('settings.userRole')} description={t('settings.userRoleHelp')} value={userRole} onChange={setUserRole} name="userRole" />
            <div className="form-actions">
              <Button type="submit" variant="primary">
                {t('common.save')}
              </Button>
            </div>
          </form>
        </section>

        <SigningKeyCard />

        <DataCard />

        <PersonalDataCard />

        <section className="card" aria-labelledby="settings-preferences">
          <h2 id="settings-preferences">{t('settings.preferences')}</h2>
          <LanguageField value={settings.language} onChange={(language) => void updateSettings({ language })} />
          <ChoiceGroup<Settings['theme']>
            label={t('settings.theme')}
            value={settings.theme}
            options={[
              { value: 'system', label: t('settings.themeSystem') },
              { value: 'light', label: t('settings.themeLight') },
              { value: 'dark', label: t('settings.themeDark') },
            ]}
            onChange={(theme) => void updateSettings({ theme })}
            name="theme"
          />
        </section>

        <section className="card" aria-labelledby="settings-about" id="about">
          <h2 id="settings-about">{t('settings.about')}</h2>
          <dl className="facts">
            <dt>{t('settings.version')}</dt>
            <dd>
              {info.name} {info.version}
            </dd>
            <dt>{t('settings.dataFolder')}</dt>
            <dd className="mono break">{info.dataDir}</dd>
          </dl>
          <p className="muted small">{t('settings.dataFolderHelp')}</p>
        </section>
      </div>
    </Page>
  );
}
