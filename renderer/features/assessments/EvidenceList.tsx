/**
 * Evidence for one criterion: links (with a label) and files copied into the store and
 * fingerprinted. Files open in the application the system associates with them; links are shown
 * and can be copied, never opened by TrustBridge itself (no network, ever).
 */
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Evidence } from '../../../shared/assessment/answer';
import { shortFingerprint } from '../../../shared/crypto/sha256';
import { Button } from '../../components/Button';
import { TextInput } from '../../components/TextInput';
import type { FieldErrors } from '../../lib/validation';
import { useFormat } from '../../lib/format';

interface EvidenceListProps {
  evidence: readonly Evidence[];
  readOnly?: boolean;
  onAddLink?(label: string, url: string): Promise<FieldErrors | undefined>;
  onAddFiles?(): void;
  onOpen?(evidence: Evidence): void;
  onRemove?(evidence: Evidence): void;
  headingId: string;
}

export function EvidenceList({ evidence, readOnly, onAddLink, onAddFiles, onOpen, onRemove, headingId }: EvidenceListProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const [label, setLabel] = useState('');
  const [url, setUrl] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  const addLink = async () => {
    const problems = await onAddLink?.(label, url);
    if (problems) return setErrors(problems);
    setErrors({});
    setLabel('');
    setUrl('');
  };

  return (
    <div className="evidence">
      {evidence.length === 0 ? (
        <p className="muted">{t('assessment.noEvidence')}</p>
      ) : (
        <ul className="evidence__list" aria-labelledby={headingId}>
          {evidence.map((item) => (
            <li key={item.id} className="evidence__item">
              {item.kind === 'file' ? (
                <>
                  <span className="evidence__kind">{t('assessment.file')}</span>
                  <span className="evidence__name">{item.label || item.fileName}</span>
                  <span className="muted small">
                    {t('assessment.fileFacts', { size: format.bytes(item.size), fingerprint: shortFingerprint(item.sha256, 2) })}
                  </span>
                  {onOpen && (
                    <Button variant="quiet" onPress={() => onOpen(item)} aria-label={t('assessment.openFile', { name: item.fileName })}>
                      {t('assessment.open')}
                    </Button>
                  )}
                </>
              ) : (
                <>
                  <span className="evidence__kind">{t('assessment.link')}</span>
                  <span className="evidence__name">{item.label || item.url}</span>
                  <span className="mono small break evidence__url">{item.url}</span>
                </>
              )}
              {!readOnly && onRemove && (
                <Button variant="quiet" onPress={() => onRemove(item)} aria-label={t('assessment.removeEvidence', { name: item.label || (item.kind === 'file' ? item.fileName : item.url) })}>
                  {t('common.remove')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <div className="evidence__add">
          <Form
            className="evidence__link-form"
            validationBehavior="aria"
            onSubmit={(event) => {
              event.preventDefault();
              // The form stays as it is while the link is added; api calls resolve to a result
              // and never reject, so nothing is lost by not awaiting here.
              void addLink();
            }}
          >
            <TextInput label={t('assessment.linkLabel')} value={label} onChange={setLabel} error={errors['label']} name="evidenceLabel" />
            <TextInput label={t('assessment.linkUrl')} value={url} onChange={setUrl} error={errors['url']} isRequired type="url" placeholder="https://" name="evidenceUrl" />
            <Button type="submit">{t('assessment.addLink')}</Button>
          </Form>
          <Button onPress={onAddFiles}>{t('assessment.addFiles')}</Button>
        </div>
      )}
    </div>
  );
}
