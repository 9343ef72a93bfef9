import { useCallback, useEffect, useRef, useState } from 'react';
import type { SaveStatus } from '../components/SaveState';

/**
 * Saves the latest value a moment after the last change, one save at a time; a change made while a
 * save runs is saved right after it. Leaving the screen saves what is still waiting.
 * `save` returns true when the value was stored.
 */
export function useAutosave<T>(save: (value: T) => Promise<boolean>, delayMs: number) {
  const [status, setStatus] = useState<SaveStatus>('saved');
  const latest = useRef<{ value: T } | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const running = useRef<Promise<void> | undefined>(undefined);
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  const flush = useCallback(async (): Promise<void> => {
    clearTimeout(timer.current);
    // One save at a time; whatever changed meanwhile is saved right after.
    while (running.current || latest.current) {
      if (running.current) {
        await running.current;
        continue;
      }
      const next = latest.current!;
      latest.current = undefined;
      setStatus('saving');
      const work = saveRef.current(next.value).then((stored) => {
        setStatus(!stored ? 'error' : latest.current ? 'pending' : 'saved');
      });
      running.current = work.finally(() => {
        running.current = undefined;
      });
      await running.current;
    }
  }, []);

  const schedule = useCallback(
    (value: T) => {
      latest.current = { value };
      setStatus('pending');
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), delayMs);
    },
    [delayMs, flush],
  );

  useEffect(() => () => void flush(), [flush]);

  return { status, schedule, flush };
}
