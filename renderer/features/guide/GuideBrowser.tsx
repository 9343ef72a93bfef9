/**
 * Reading the guide: dimension by dimension, or by searching every criterion's identifier, title
 * and guidance. Everything a criterion says is one click (or Enter) away.
 */
import { useMemo, useState } from 'react';
import { Disclosure, DisclosurePanel, Heading, Button as AriaButton, SearchField, Input, Label } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Framework } from '../../../shared/framework/schema';
import { CriterionBadges, CriterionDetails } from './CriterionDetails';

function normalise(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

export function GuideBrowser({ framework }: { framework: Framework }) {
  const { t } = useTranslation();
  const [dimensionId, setDimensionId] = useState(framework.dimensions[0]?.id ?? '');
  const [query, setQuery] = useState('');
  const searching = query.trim().length > 0;

  const matches = useMemo(() => {
    if (!searching) return [];
    const words = normalise(query).split(/\s+/).filter(Boolean);
    return framework.dimensions.flatMap((dimension) =>
      dimension.criteria
        .filter((criterion) => {
          const haystack = normalise([criterion.id, criterion.title, criterion.guidance, ...criterion.levels, ...criterion.evidenceExamples].join(' '));
          return words.every((word) => haystack.includes(word));
        })
        .map((criterion) => ({ criterion, dimension })),
    );
  }, [framework, query, searching]);

  const dimension = framework.dimensions.find((d) => d.id === dimensionId) ?? framework.dimensions[0];
  const shown = searching ? matches : (dimension?.criteria ?? []).map((criterion) => ({ criterion, dimension: dimension! }));

  return (
    <div className="guide">
      <nav className="guide__dimensions" aria-label={t('guide.dimensions')}>
        <SearchField className="field guide__search" value={query} onChange={setQuery} aria-label={t('guide.search')}>
          <Label className="field__label">{t('guide.search')}</Label>
          <Input className="field__input" placeholder={t('guide.searchPlaceholder')} />
        </SearchField>
        <ul className="guide__dimension-list">
          {framework.dimensions.map((d) => (
            <li key={d.id}>
              <button
                type="button"
                className={`guide__dimension${!searching && d.id === dimension?.id ? ' is-active' : ''}`}
                aria-current={!searching && d.id === dimension?.id ? 'true' : undefined}
                onClick={() => {
                  setQuery('');
                  setDimensionId(d.id);
                }}
              >
                <span className="guide__dimension-code">{d.id}</span>
                <span>{d.title}</span>
                <span className="guide__dimension-count">{d.criteria.length}</span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <section className="guide__criteria" aria-live="polite" aria-labelledby="guide-criteria-title">
        {searching ? (
          <h2 id="guide-criteria-title">{t('guide.results', { count: matches.length, query: query.trim() })}</h2>
        ) : (
          dimension && (
            <>
              <h2 id="guide-criteria-title">
                {dimension.id} · {dimension.title}
              </h2>
              <p className="muted guide__dimension-summary">{dimension.summary}</p>
            </>
          )
        )}
        {shown.map(({ criterion }) => (
          <Disclosure key={criterion.id} className="criterion-card" data-criterion={criterion.id}>
            <Heading level={3} className="criterion-card__heading">
              <AriaButton slot="trigger" className="criterion-card__trigger">
                <span className="criterion-card__id">{criterion.id}</span>
                <span className="criterion-card__title">{criterion.title}</span>
                <CriterionBadges criterion={criterion} />
              </AriaButton>
            </Heading>
            <DisclosurePanel className="criterion-card__panel">
              <CriterionDetails criterion={criterion} framework={framework} headingLevel={4} />
            </DisclosurePanel>
          </Disclosure>
        ))}
      </section>
    </div>
  );
}
