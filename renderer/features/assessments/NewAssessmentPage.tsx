/**
 * Starting an assessment: a self-assessment of the own institution or an audit of a partner, on a
 * published framework, in a language; fresh or pre-filled from the previous cycle.
 */
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { frameworkTitle } from '../../../shared/framework/catalog';
import { useNavigate, useSearchParams } from 'react-router';
import type { CarryPlan } from '../../../shared/assessment/carry-over';
import type { AssessmentKind } from '../../../shared/assessment/schema';
import type { AppErrorData } from '../../../shared/errors';
import { defaultFrameworkFor, profilesOf } from '../../../shared/framework/guide2';
import type { Language } from '../../../shared/framework/schema';
import { Button } from '../../components/Button';
import { LinkButton } from '../../components/LinkButton';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { Page } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { TextInput } from '../../components/TextInput';
import { api } from '../../lib/api';
import { useResource } from '../../lib/use-resource';
import { toFieldErrors, type FieldErrors } from '../../lib/validation';
import { useUiLanguage } from '../../lib/format';
import { CarryOverDialog } from './CarryOverDialog';

const none = '';

export function NewAssessmentPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const institutions = useResource(() => api().institutions.list(), []);
  const frameworks = useResource(() => api().frameworks.list(), []);
  const assessments = useResource(() => api().assessments.list(), []);
  const uiLanguage = useUiLanguage();

  const [kind, setKind] = useState<AssessmentKind>(params.get('kind') === 'audit' ? 'audit' : 'self');
  const [partnerId, setPartnerId] = useState(params.get('partner') ?? none);
  const [frameworkKey, setFrameworkKey] = useState(none);
  const [language, setLanguage] = useState<Language>(uiLanguage);
  const [previousId, setPreviousId] = useState(none);
  const [reviewsId, setReviewsId] = useState(none);
  const [title, setTitle] = useState<string>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<AppErrorData>();
  const [busy, setBusy] = useState(false);

  // "Start the renewal" of an assessment: its kind, its subject and it as the previous cycle.
  const fromId = params.get('from');
  const [fromApplied, setFromApplied] = useState(false);
  const from = fromId ? assessments.data?.find((summary) => summary.id === fromId) : undefined;
  if (from && !fromApplied) {
    setFromApplied(true);
    setKind(from.kind);
    if (from.kind === 'audit') setPartnerId(from.subject.institutionId);
    setPreviousId(from.id);
  }

  const own = institutions.data?.find((item) => item.kind === 'own');
  const partners = (institutions.data ?? []).filter((item) => item.kind === 'partner');
  const published = (frameworks.data ?? []).filter((item) => item.status === 'published');
  // An audit is made with the version of the self-assessment it reviews, so the two compare
  // criterion by criterion; otherwise the newest built-in guide, unless the officer chose one.
  const reviewedSummary = kind === 'audit' && reviewsId ? (assessments.data ?? []).find((summary) => summary.id === reviewsId) : undefined;
  const reviewedFramework = reviewedSummary
    ? published.find((item) => item.id === reviewedSummary.framework.id && item.version === reviewedSummary.framework.version)
    : undefined;
  const chosenFramework = published.find((item) => item.key === frameworkKey) ?? reviewedFramework ?? defaultFrameworkFor(published, language);
  const subjectId = kind === 'self' ? own?.id : partnerId || partners[0]?.id;
  const subject = (institutions.data ?? []).find((item) => item.id === subjectId);
  const previous = (assessments.data ?? []).filter((summary) => summary.kind === kind && summary.subject.institutionId === subjectId);
  const partnerSelfAssessments = (assessments.data ?? []).filter((summary) => summary.kind === 'self' && summary.subject.institutionId === subjectId);
  const year = new Date().getFullYear();
  const proposedTitle = subject ? t(kind === 'self' ? 'newAssessment.titleSelf' : 'newAssessment.titleAudit', { year, name: subject.legalName }) : '';
  const effectiveLanguage = chosenFramework?.languages.includes(language) ? language : (chosenFramework?.language ?? 'en');

  // A new cycle from an earlier one: first the plan of what carries over, for the officer to confirm.
  const [carryPlan, setCarryPlan] = useState<CarryPlan>();
  const previewCarryOver = async () => {
    if (!chosenFramework) return;
    setBusy(true);
    const result = await api().assessments.previewCarryOver({ fromId: previousId, frameworkKey: chosenFramework.key, language: effectiveLanguage, ...profileChoice });
    setBusy(false);
    if (!result.ok) return setFailure(result.error);
    setCarryPlan(result.value);
  };

  // The chosen version's cooperation profiles (guide 2.0 and later); none for 1.0.
  const [profileId, setProfileId] = useState(none);
  const chosenDetail = useResource(
    () => api().frameworks.get({ key: chosenFramework?.key ?? none, language: effectiveLanguage }),
    [chosenFramework?.key, effectiveLanguage],
  );
  const profiles = chosenDetail.data?.item.key === chosenFramework?.key ? profilesOf(chosenDetail.data?.framework ?? {}) : [];
  const chosenProfile = profiles.find((profile) => profile.id === profileId);
  const profileChoice = chosenProfile ? { profileId: chosenProfile.id } : {};

  const submit = async () => {
    if (!subjectId || !chosenFramework) return;
    setBusy(true);
    const finalTitle = (title ?? proposedTitle).trim();
    const result = previousId
      ? await api().assessments.startFromPrevious({ fromId: previousId, title: finalTitle, frameworkKey: chosenFramework.key, language: effectiveLanguage, ...profileChoice })
      : await api().assessments.create({
          kind,
          subjectId,
          frameworkKey: chosenFramework.key,
          language: effectiveLanguage,
          title: finalTitle,
          ...profileChoice,
          ...(kind === 'audit' && reviewsId ? { reviewsAssessmentId: reviewsId } : {}),
        });
    setBusy(false);
    if (!result.ok) {
      setFailure(result.error);
      setErrors(toFieldErrors(result.error.issues ?? [], t));
      return;
    }
    navigate(`/assessments/${result.value.id}`);
  };

  const noPartners = kind === 'audit' && partners.length === 0;

  return (
    <Page title={t('newAssessment.title')} intro={t('newAssessment.intro')} error={institutions.error ?? frameworks.error ?? failure}>
      <Form
        className="card narrow-form"
        validationBehavior="aria"
        onSubmit={(event) => {
          event.preventDefault();
          void (previousId ? previewCarryOver() : submit());
        }}
      >
        <ChoiceGroup<AssessmentKind>
          label={t('newAssessment.kind')}
          value={kind}
          options={[
            { value: 'self', label: t('newAssessment.kindSelf', { name: own?.legalName ?? '' }) },
            { value: 'audit', label: t('newAssessment.kindAudit') },
          ]}
          onChange={(value) => {
            setKind(value);
            setPreviousId(none);
            setReviewsId(none);
          }}
          orientation="vertical"
          name="kind"
        />
        {kind === 'audit' &&
          (noPartners ? (
            <div className="alert alert--info">
              <p>{t('newAssessment.noPartners')}</p>
              <LinkButton href="/partners/new">{t('home.path.partner.start')}</LinkButton>
            </div>
          ) : (
            <SelectField
              label={t('newAssessment.partner')}
              value={subjectId ?? none}
              options={partners.map((partner) => ({ value: partner.id, label: partner.legalName }))}
              onChange={(value) => {
                setPartnerId(value);
                setReviewsId(none);
                setPreviousId(none);
              }}
              name="partner"
            />
          ))}
        <div className="form-row">
          <SelectField
            label={t('guide.framework')}
            value={chosenFramework?.key ?? none}
            options={published.map((item) => ({ value: item.key, label: `${frameworkTitle(item, i18n.language)} ${item.version}` }))}
            onChange={setFrameworkKey}
            name="framework"
          />
          {chosenFramework && chosenFramework.languages.length > 1 && (
            <SelectField<Language>
              label={t('guide.language')}
              value={effectiveLanguage}
              options={chosenFramework.languages.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
              onChange={setLanguage}
              name="language"
            />
          )}
        </div>
        {profiles.length > 0 && (
          <SelectField
            label={t('guide2.profile')}
            description={chosenProfile ? `${t('guide2.profileHelp')} ${chosenProfile.summary}` : t('guide2.profileHelp')}
            value={chosenProfile?.id ?? none}
            options={[{ value: none, label: t('guide2.profileNone') }, ...profiles.map((profile) => ({ value: profile.id, label: profile.title }))]}
            onChange={setProfileId}
            error={errors['profileId']}
            name="profile"
          />
        )}
        {previous.length > 0 && (
          <SelectField
            label={t('newAssessment.previous')}
            description={t('newAssessment.previousHelp')}
            value={previousId}
            options={[{ value: none, label: t('newAssessment.startEmpty') }, ...previous.map((summary) => ({ value: summary.id, label: summary.title }))]}
            onChange={setPreviousId}
            name="previous"
          />
        )}
        {kind === 'audit' && !previousId && partnerSelfAssessments.length > 0 && (
          <SelectField
            label={t('newAssessment.reviews')}
            description={t('newAssessment.reviewsHelp')}
            value={reviewsId}
            options={[{ value: none, label: t('newAssessment.reviewsNone') }, ...partnerSelfAssessments.map((summary) => ({ value: summary.id, label: summary.title }))]}
            onChange={setReviewsId}
            name="reviews"
          />
        )}
        <TextInput label={t('newAssessment.name')} value={title ?? proposedTitle} onChange={setTitle} error={errors['title']} isRequired name="title" />
        <div className="form-actions">
          <Button
            onPress={() => {
              navigate('/assessments');
            }}
          >{t('common.cancel')}</Button>
          <Button variant="primary" type="submit" isDisabled={busy || !subjectId || !chosenFramework || noPartners}>
            {t('newAssessment.start')}
          </Button>
        </div>
      </Form>
      <CarryOverDialog
        plan={carryPlan}
        previousTitle={(assessments.data ?? []).find((summary) => summary.id === previousId)?.title ?? ''}
        targetVersion={chosenFramework?.version ?? ''}
        onCancel={() => setCarryPlan(undefined)}
        onConfirm={() => {
          setCarryPlan(undefined);
          void submit();
        }}
      />
    </Page>
  );
}
