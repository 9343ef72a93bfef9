import type { FrameworkRef, Language } from './schema';

/** One framework as the catalogue lists it: enough to choose it, pin it and compare it. */
export interface FrameworkListItem {
  /** The catalogue's key: `builtin-…` for the built-in guide, a document id otherwise. */
  key: string;
  id: string;
  version: string;
  title: string;
  /** The title in each language it comes in (the built-in guides); lists show the user's. */
  titles?: Partial<Record<Language, string>>;
  language: Language;
  /** The languages it can be shown in (the built-in guide has three). */
  languages: Language[];
  origin: 'built-in' | 'custom' | 'imported';
  /** Drafts can be edited; published versions never change. */
  status: 'draft' | 'published';
  fingerprint: string;
  structureFingerprint: string;
  dimensions: number;
  criteria: number;
  critical: number;
  validityMonths: number;
  basedOn?: FrameworkRef;
  updatedAt: string;
}

/** A framework's title in the interface language when it comes in that language, else its own. */
export function frameworkTitle(item: Pick<FrameworkListItem, 'title' | 'titles'>, language: string): string {
  return item.titles?.[language as Language] ?? item.title;
}
