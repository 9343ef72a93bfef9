import { useState } from 'react';
import { Dialog, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { AppErrorData } from '../../../shared/errors';
import { Button } from '../../components/Button';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SelectField } from '../../components/SelectField';
import { TextInput } from '../../components/TextInput';
import { api } from '../../lib/api';
import { useResource } from '../../lib/use-resource';
import { toFieldErrors, type FieldErrors } from '../../lib/validation';

export function NewPartnershipDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const institutions = useResource(() => api().institutions.list(), []);
  const partners = (institutions.data ?? []).filter((item) => item.kind === 'partner');
  const [partnerId, setPartnerId] = useState('');
  const [title, setTitle] = useState<string>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<AppErrorData>();
  const partner = partners.find((item) => item.id === partnerId) ?? partners[0];
  const proposed = partner ? t('partnerships.proposedTitle', { name: partner.legalName }) : '';

  const submit = async () => {
    if (!partner) return;
    const result = await api().partnerships.create({ partnerId: partner.id, title: (title ?? proposed).trim() });
    if (!result.ok) {
      setFailure(result.error);
      setErrors(toFieldErrors(result.error.issues ?? [], t));
      return;
    }
    navigate(`/partnerships/${result.value.id}`);
  };

  return (
    <ModalOverlay className="modal-overlay" isOpen isDismissable onOpenChange={(open) => !open && onClose()}>
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title" className="dialog__title">
            {t('partnerships.new')}
          </Heading>
          {!institutions.loading && partners.length === 0 ? (
            <>
              <p>{t('newAssessment.noPartners')}</p>
              <div className="dialog__actions">
                <Button onPress={onClose}>{t('common.close')}</Button>
              </div>
            </>
          ) : (
            <Form
              validationBehavior="aria"
              onSubmit={(event) => {
                event.preventDefault();
                void submit();
              }}
            >
              <p className="muted">{t('partnerships.newIntro')}</p>
              <SelectField label={t('newAssessment.partner')} value={partner?.id ?? ''} options={partners.map((p) => ({ value: p.id, label: p.legalName }))} onChange={setPartnerId} name="partner" />
              <TextInput label={t('partnerships.name')} value={title ?? proposed} onChange={setTitle} error={errors['title']} isRequired name="title" />
              <ErrorMessage error={Object.keys(errors).length ? undefined : failure} />
              <div className="dialog__actions">
                <Button onPress={onClose}>{t('common.cancel')}</Button>
                <Button variant="primary" type="submit">
                  {t('partnerships.create')}
                </Button>
              </div>
            </Form>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
