import '@testing-library/jest-dom/vitest';
import { act, cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { clearToasts } from '../../renderer/components/Toasts';

// The toast queue is one per app, so one per worker: a toast a test leaves must not be found by the
// next test, in this file or the next.
afterEach(() => {
  cleanup();
  act(() => clearToasts());
});
