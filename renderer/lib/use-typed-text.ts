import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Text being typed into a field, held by the field itself, so that a key press draws the field
 * again and not the whole screen around it (on the assessment screen that was about 35 ms of work
 * per character, measured in Chromium).
 *
 * `onType` still hears every change at once, for what must not wait (the assessment's journal of
 * unsaved changes and its save). The screen's own copy of the text (`onSettle`) follows a moment
 * after the last key, when the field loses focus, and when the field goes away, whichever comes
 * first. The field starts from `value` and then keeps what is typed: give it a `key` that changes
 * when it is shown for another record.
 */
export function useTypedText(value: string, onType: (text: string) => void, onSettle: (text: string) => void, delayMs = 400) {
  const [text, setText] = useState(value);
  const pending = useRef<string | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const settleRef = useRef(onSettle);
  useEffect(() => {
    settleRef.current = onSettle;
  });
  const settle = useCallback(() => {
    clearTimeout(timer.current);
    const typed = pending.current;
    pending.current = undefined;
    if (typed !== undefined) settleRef.current(typed);
  }, []);
  // Leaving (another criterion, another tab, another screen) hands over what is still waiting.
  useEffect(() => settle, [settle]);

  const change = (next: string) => {
    setText(next);
    onType(next);
    pending.current = next;
    clearTimeout(timer.current);
    timer.current = setTimeout(settle, delayMs);
  };
  return { text, change, settle };
}
