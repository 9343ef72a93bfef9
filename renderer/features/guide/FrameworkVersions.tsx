/**
 * The frameworks in this data folder: the built-in guide and a consortium's own versions. A draft
 * is edited and then published; a published version is exported for the consortium, cloned for
 * the next version, and compared with others.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { frameworkTitle } from '../../../shared/framework/catalog';
import { useNavigate } from 'react-router';
import type { Result } from '../../../shared/errors';
import type { FrameworkListItem } from '../../../shared/framework/catalog';
import type { Language } from '../../../shared/framework/schema';
import { shortFingerprint } from '../../../shared/crypto/sha256';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { LinkButton } from '../../components/LinkButton';
import { notify } from '../../components/Toasts';
import { api } from '../../lib/api';
import { useAction } from '../../lib/use-action';
import { CloneDialog } from './CloneDialog';
import { DataTable } from '../../components/DataTable';

export function FrameworkVersions({ items, onChanged, language }: { items: FrameworkListItem[]; onChanged(): void; language: Language }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [cloning, setCloning] = useState<FrameworkListItem>();
  const [publishing, setPublishing] = useState<FrameworkListItem>();
  const [removing, setRemoving] = useState<FrameworkListItem>();

  const act = useAction();

  const run = async <T,>(work: () => Promise<Result<T>>, success?: (value: T) => string) => {
    const result = await act(work);
    if (!result.ok) return undefined;
    if (success) notify(success(result.value));
    onChanged();
    return result.value;
  };

  return (
    <section className="stack" aria-labelledby="versions-title">
      <div className="section-header">
        <div>
          <h2 id="versions-title">{t('guide.versionsTitle')}</h2>
          <p className="muted">{t('guide.versionsIntro')}</p>
        </div>
        <Button
          onPress={() =>
            void run(
              () => api().frameworks.import(),
              (imported) => (imported ? t('guide.imported', { title: imported.title, version: imported.version }) : t('common.cancelled')),
            )
          }
        >
          {t('guide.import')}
        </Button>
      </div>
      <DataTable
        label={t('guide.versionsTitle')}
        rows={items}
        rowKey={(item) => item.key}
        columns={[
          {
            id: 'framework',
            header: t('guide.framework'),
            isRowHeader: true,
            cell: (item) => (
              <>
                {frameworkTitle(item, i18n.language)}
                <span className="muted small block">
                  {t(`guide.origin.${item.origin}`)}
                  {item.basedOn ? ` · ${t('guide.basedOn', { id: item.basedOn.id, version: item.basedOn.version })}` : ''}
                </span>
              </>
            ),
          },
          { id: 'version', header: t('guide.version'), cell: (item) => item.version },
          { id: 'status', header: t('guide.status'), cell: (item) => <span className={`badge badge--${item.status}`}>{t(`guide.status_${item.status}`)}</span> },
          { id: 'size', header: t('guide.size'), cell: (item) => t('guide.sizeValue', { dimensions: item.dimensions, criteria: item.criteria, critical: item.critical }) },
          { id: 'fingerprint', header: t('guide.fingerprint'), className: 'mono small', cell: (item) => shortFingerprint(item.fingerprint, 3) },
          {
            id: 'actions',
            header: t('common.actions'),
            hideHeader: true,
            className: 'data-table__actions',
            cell: (item) => (
              <>
                <LinkButton variant="quiet" href={`/guide?framework=${encodeURIComponent(item.key)}`} aria-label={`${t('guide.browse')}: ${frameworkTitle(item, i18n.language)} ${item.version}`}>
                  {t('guide.browse')}
                </LinkButton>
                {item.status === 'draft' ? (
                  <>
                    <LinkButton variant="quiet" href={`/guide/edit/${item.key}`} aria-label={`${t('common.edit')}: ${frameworkTitle(item, i18n.language)} ${item.version}`}>
                      {t('common.edit')}
                    </LinkButton>
                    <Button variant="quiet" onPress={() => setPublishing(item)} aria-label={`${t('guide.publish')}: ${frameworkTitle(item, i18n.language)} ${item.version}`}>
                      {t('guide.publish')}
                    </Button>
                    <Button variant="quiet" onPress={() => setRemoving(item)} aria-label={`${t('common.remove')}: ${frameworkTitle(item, i18n.language)} ${item.version}`}>
                      {t('common.remove')}
                    </Button>
                  </>
                ) : (
                  <>
                    <Button variant="quiet" onPress={() => setCloning(item)} aria-label={`${t('guide.clone')}: ${frameworkTitle(item, i18n.language)} ${item.version}`}>
                      {t('guide.clone')}
                    </Button>
                    <Button
                      variant="quiet"
                      aria-label={`${t('guide.export')}: ${frameworkTitle(item, i18n.language)} ${item.version}`}
                      onPress={() =>
                        void run(
                          () => api().frameworks.export({ key: item.key, ...(item.languages.length > 1 ? { language } : {}) }),
                          (saved) => (saved ? t('guide.exported', { path: saved.path }) : t('common.cancelled')),
                        )
                      }
                    >
                      {t('guide.export')}
                    </Button>
                  </>
                )}
                {item.basedOn && (
                  <Button
                    variant="quiet"
                    aria-label={`${t('guide.compare')}: ${frameworkTitle(item, i18n.language)} ${item.version}`}
                    onPress={() => {
                      const older = items.find((candidate) => candidate.id === item.basedOn!.id && candidate.version === item.basedOn!.version);
                      if (older) navigate(`/guide/compare?older=${encodeURIComponent(older.key)}&newer=${encodeURIComponent(item.key)}`);
                      else notify(t('guide.basedOnMissing'), 'error');
                    }}
                  >
                    {t('guide.compare')}
                  </Button>
                )}
              </>
            ),
          },
        ]}
      />
      {cloning && (
        <CloneDialog
          source={cloning}
          language={language}
          onClose={() => setCloning(undefined)}
          onCloned={(created) => {
            setCloning(undefined);
            onChanged();
            navigate(`/guide/edit/${created.key}`);
          }}
        />
      )}
      <ConfirmDialog
        isOpen={publishing !== undefined}
        title={t('guide.publishTitle', { title: publishing?.title ?? '', version: publishing?.version ?? '' })}
        confirmLabel={t('guide.publish')}
        onCancel={() => setPublishing(undefined)}
        onConfirm={() => {
          const target = publishing!;
          setPublishing(undefined);
          void run(() => api().frameworks.publish({ key: target.key }), () => t('guide.published', { title: target.title, version: target.version }));
        }}
      >
        <p>{t('guide.publishBody')}</p>
      </ConfirmDialog>
      <ConfirmDialog
        isOpen={removing !== undefined}
        title={t('guide.removeTitle', { title: removing?.title ?? '', version: removing?.version ?? '' })}
        confirmLabel={t('common.remove')}
        destructive
        onCancel={() => setRemoving(undefined)}
        onConfirm={() => {
          const target = removing!;
          setRemoving(undefined);
          void run(() => api().frameworks.removeDraft({ key: target.key }), () => t('guide.removed', { title: target.title }));
        }}
      >
        <p>{t('guide.removeBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
