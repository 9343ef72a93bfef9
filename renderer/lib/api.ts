/**
 * The renderer's way to the main process: `window.api`, built from the IPC contract
 * (shared/ipc/contract.ts) by the preload. Calls return results (a value or a typed error), never
 * throw for a refusal.
 */
export function api() {
  return window.api;
}
