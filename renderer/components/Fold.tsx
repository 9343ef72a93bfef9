/**
 * A section that opens and closes, its heading being the button that does it: a React Aria
 * Disclosure, so the button says whether it is open (aria-expanded) and Enter or Space toggles it.
 * The guidance beside an answer, the auditor's guidance, a file's contents in a long inbox.
 */
import type { ReactNode } from 'react';
import { Button as AriaButton, Disclosure, DisclosurePanel, Heading, type DisclosureProps } from 'react-aria-components';
import { ChevronIcon } from './icons';

interface FoldProps extends Omit<DisclosureProps, 'children' | 'className'> {
  title: ReactNode;
  /** The heading's level where the fold stands in the page. */
  headingLevel: 3 | 4;
  /** More classes beside `fold`. */
  className?: string;
  children: ReactNode;
}

export function Fold({ title, headingLevel, className, children, ...disclosure }: FoldProps) {
  return (
    <Disclosure {...disclosure} className={`fold${className ? ` ${className}` : ''}`}>
      <Heading level={headingLevel} className="fold__heading">
        <AriaButton slot="trigger" className="fold__trigger">
          <ChevronIcon className="fold__chevron" />
          {title}
        </AriaButton>
      </Heading>
      <DisclosurePanel className="fold__panel">{children}</DisclosurePanel>
    </Disclosure>
  );
}
