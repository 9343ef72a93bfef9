import { useCallback, useLayoutEffect, useRef, useState } from 'react';

/**
 * Moves focus to something the change being made will show (the next step's heading, the first
 * field in error), in the very commit that shows it: a layout effect, before the browser handles
 * another key. Focus moved a frame later (`requestAnimationFrame`) could land after the user, or a
 * keyboard test, had already moved on: a passphrase typed into the field it had just reached then
 * went into the field in error instead.
 *
 * Call the returned function in the handler that makes the change, with what to focus once the
 * change is on screen.
 */
export function useFocusAfterRender(): (focus: () => void) => void {
  const pending = useRef<(() => void) | undefined>(undefined);
  const [requests, setRequests] = useState(0);
  useLayoutEffect(() => {
    const focus = pending.current;
    pending.current = undefined;
    focus?.();
  }, [requests]);
  return useCallback((focus: () => void) => {
    pending.current = focus;
    setRequests((count) => count + 1);
  }, []);
}
