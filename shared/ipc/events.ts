/** Events the main process pushes to the renderer. */
export type AppEvent =
  | { type: 'progress'; task: string; done: number; total: number; label?: string }
  /** Files were opened with the app (double-click, "Open with"): take them with `app.openedFiles`. */
  | { type: 'files-opened' }
  | { type: 'navigate'; to: string }
  | { type: 'notices-changed' }
  /** The shared-folder inbox's list changed: `count` files wait for a decision. */
  | { type: 'inbox-changed'; count: number };

export type AppEventListener = (event: AppEvent) => void;
export type Subscribe = (listener: AppEventListener) => () => void;
