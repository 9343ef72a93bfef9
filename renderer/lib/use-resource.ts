import { useCallback, useEffect, useState, type DependencyList } from 'react';
import type { AppErrorData, Result } from '../../shared/errors';

export interface Resource<T> {
  data: T | undefined;
  error: AppErrorData | undefined;
  loading: boolean;
  /** Loads again (after a change made elsewhere). */
  reload(): void;
  /** Replaces the data without a round trip, after a save returned the new value. */
  set(value: T): void;
}

interface State<T> {
  data?: T;
  error?: AppErrorData;
  loading: boolean;
}

/** Loads something through the API and keeps it, with its loading and error state. */
export function useResource<T>(load: () => Promise<Result<T>>, deps: DependencyList): Resource<T> {
  const [state, setState] = useState<State<T>>({ loading: true });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    void load().then((result) => {
      if (!current) return;
      setState((previous) =>
        result.ok ? { data: result.value, loading: false } : { data: previous.data, error: result.error, loading: false },
      );
    });
    return () => {
      current = false;
    };
    // The caller's deps decide when to load again, as with useEffect itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const set = useCallback((value: T) => setState({ data: value, loading: false }), []);
  return { data: state.data, error: state.error, loading: state.loading, reload, set };
}

/**
 * Several resources as one, for a page that needs all of them before it can say anything true:
 * data only once every one has loaded, the first error, loading while any loads, and one reload
 * for all. (A page that showed "nothing yet" while a list was still loading, or had failed, would
 * tell the user something false.)
 */
export function allOf<A, B>(a: Resource<A>, b: Resource<B>): Resource<[A, B]> {
  const data: [A, B] | undefined = a.data !== undefined && b.data !== undefined ? [a.data, b.data] : undefined;
  return {
    data,
    error: a.error ?? b.error,
    loading: a.loading || b.loading,
    reload: () => {
      a.reload();
      b.reload();
    },
    set: ([first, second]) => {
      a.set(first);
      b.set(second);
    },
  };
}
