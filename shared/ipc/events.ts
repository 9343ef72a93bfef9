/** Events the main process pushes to the renderer. */
export type AppEvent =
  | { type: 'progress'; task: string; done: number; total: number; label?: string }
  | { type: 'files-opened'; paths: string[] }
  | { type: 'navigate'; to: string }
  | { type: 'notices-changed' }
  /** The shared-folder inbox's list changed: `count` files wait for a decision. */
  | { type: 'inbox-changed'; count: number };

export type AppEventListener = (event: AppEvent) => void;
export type Subscribe = (listener: AppEventListener) => () => void;
