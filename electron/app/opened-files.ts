/**
 * Exchange files the operating system handed to the app (double-click, "Open with", a file on the
 * command line, macOS `open-file`), kept until the window asks for them. A pull, not a push: files
 * can arrive before the window exists, while its page loads, or while first-run shows and nothing
 * listens; the renderer takes them (`app.openedFiles`) when it is ready, and is told to look again
 * when more arrive.
 */
export class OpenedFiles {
  private readonly waiting: string[] = [];

  constructor(private readonly notify: () => void = () => undefined) {}

  /** Queues files (each once) and tells the window that files wait. */
  add(paths: readonly string[]): void {
    const fresh = paths.filter((path) => !this.waiting.includes(path));
    if (fresh.length === 0) return;
    this.waiting.push(...fresh);
    this.notify();
  }

  /** The files waiting, which are then no longer waiting. */
  take(): string[] {
    return this.waiting.splice(0);
  }
}
