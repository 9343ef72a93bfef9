/**
 * The frame of every screen: the heading (the page's one h1, which the layout focuses after
 * navigation), then what the screen loads: a loading line while it comes, the error in the
 * user's language with a way to try again when it fails, and the content once it is there.
 * The main landmark is the layout's; a page adds none.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../shared/errors';
import type { Resource } from '../lib/use-resource';
import { Button } from './Button';
import { ErrorMessage } from './ErrorMessage';
import { PageHeader } from './PageHeader';

/** What Page needs of a useResource result. */
type PageResource<T> = Pick<Resource<T>, 'data' | 'error' | 'loading' | 'reload'>;

interface PageFrame {
  title: string;
  intro?: ReactNode;
  /** Buttons beside the heading. */
  actions?: ReactNode;
  /** A failure of something the page did (a save, an export), shown above the content. */
  error?: AppErrorData | undefined;
}

interface PageWithResource<T> extends PageFrame {
  /** What the page shows: until it has data, the page shows its loading or error state instead. */
  resource: PageResource<T>;
  /** The content, given the loaded data; nothing while loading or failed (the frame says why). */
  children?: (data: T) => ReactNode;
}

interface PageWithoutResource extends PageFrame {
  resource?: undefined;
  children?: ReactNode;
}

type PageProps<T> = PageWithResource<T> | PageWithoutResource;

export function Page<T>(props: PageProps<T>) {
  const header = <PageHeader title={props.title} intro={props.intro} actions={props.actions} />;
  if (props.resource === undefined) {
    return (
      <>
        {header}
        <ErrorMessage error={props.error} />
        {props.children}
      </>
    );
  }
  return (
    <>
      {header}
      <ErrorMessage error={props.error} />
      <Loaded resource={props.resource}>{props.children}</Loaded>
    </>
  );
}

/**
 * What a page or a section shows of something it loads: a loading line while it comes, the error
 * in the user's language with Try again when it fails, and the content only once the data is
 * there — never an empty state ("nothing yet") for data that has not loaded or could not be read.
 */
export function Loaded<T>({ resource, children }: { resource: PageResource<T>; children?: ((data: T) => ReactNode) | undefined }) {
  const { t } = useTranslation();
  const { data, error, loading, reload } = resource;
  return (
    <>
      {error && (
        <div className="page-retry">
          <ErrorMessage error={error} />
          <Button onPress={reload}>{t('common.retry')}</Button>
        </div>
      )}
      {data === undefined ? (
        loading && (
          <p className="muted" role="status">
            {t('common.loading')}
          </p>
        )
      ) : (
        children?.(data)
      )}
    </>
  );
}
