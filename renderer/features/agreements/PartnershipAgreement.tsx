/**
 * The agreement part of a partnership's decision tab: the agreements between the two institutions,
 * or drafting one once the partnership is decided ready or ready with conditions.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { languages, type Language } from '../../../shared/framework/schema';
import type { Partnership } from '../../../shared/partnership/schema';
import { Button } from '../../components/Button';
import { SelectField } from '../../components/SelectField';
import { api } from '../../lib/api';
import { useAction } from '../../lib/use-action';
import { useUiLanguage } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { AgreementsTable } from './AgreementsTable';

export function PartnershipAgreement({ partnership }: { partnership: Partnership }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const run = useAction();
  const agreements = useResource(() => api().agreements.forPartnership({ id: partnership.id }), [partnership.id, partnership.updatedAt]);
  const [language, setLanguage] = useState<Language>(useUiLanguage());
  const [busy, setBusy] = useState(false);
  const decided = partnership.decision && partnership.decision.outcome !== 'not-ready';
  const drafted = (agreements.data ?? []).some((agreement) => agreement.partnershipId === partnership.id);

  const draft = async () => {
    setBusy(true);
    const result = await run(() => api().agreements.create({ partnershipId: partnership.id, language }));
    setBusy(false);
    if (!result.ok) return;
    void navigate(`/agreements/${result.value.id}`);
  };

  return (
    <section className="card stack" aria-labelledby="partnership-agreement-title">
      <h2 id="partnership-agreement-title">{t('agreement.draftTitle')}</h2>
      {(agreements.data?.length ?? 0) > 0 && <AgreementsTable agreements={agreements.data!} />}
      {!drafted &&
        (decided ? (
          <>
            <p className="muted">{t('agreement.draftHelp')}</p>
            <div className="toolbar">
              <SelectField<Language>
                label={t('agreement.draftLanguage')}
                value={language}
                options={languages.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
                onChange={setLanguage}
                name="agreementLanguage"
              />
              <Button variant="primary" onPress={() => void draft()} isDisabled={busy}>
                {t('agreement.draft')}
              </Button>
            </div>
          </>
        ) : (
          <p className="muted">{t('agreement.draftNotYet')}</p>
        ))}
    </section>
  );
}
