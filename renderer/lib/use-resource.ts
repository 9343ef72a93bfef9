import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppErrorData, Result } from '../../shared/errors';

export interface Resource<T> {
  data: T | undefined;
  error: AppErrorData | undefined;
  loading: boolean;
  reload(): Promise<void>;
  /** Replaces the data without a round trip, after a save returned the new value. */
  set(value: T): void;
}

/** Loads something through the API and keeps it, with its loading and error state. */
export function useResource<T>(load: () => Promise<Result<T>>, deps: readonly unknown[]): Resource<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<AppErrorData>();
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stableLoad = useCallback(load, deps);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    const result = await stableLoad();
    if (mine !== generation.current) return;
    if (result.ok) {
      setData(result.value);
      setError(undefined);
    } else {
      setError(result.error);
    }
    setLoading(false);
  }, [stableLoad]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, error, loading, reload, set: setData };
}
