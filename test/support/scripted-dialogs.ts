/**
 * The dialog service for tests and the headed demo: it answers each native dialog with the next
 * prepared answer, and records what the app asked for, so a test can check it.
 */
import type { DialogService } from '../../electron/platform/dialogs';

export class ScriptedDialogs implements DialogService {
  private readonly openAnswers: Array<string[] | null> = [];
  private readonly folderAnswers: Array<string | null> = [];
  private readonly saveAnswers: Array<string | null> = [];
  readonly asked: Array<{ kind: string; title: string }> = [];
  /** The file name each save dialog proposed, in order. */
  readonly proposedNames: string[] = [];
  readonly shownInFolder: string[] = [];
  readonly openedFiles: string[] = [];

  answerOpen(paths: string[] | null): this {
    this.openAnswers.push(paths);
    return this;
  }

  answerFolder(path: string | null): this {
    this.folderAnswers.push(path);
    return this;
  }

  answerSave(path: string | null): this {
    this.saveAnswers.push(path);
    return this;
  }

  async openFiles(options: { title: string }): Promise<string[] | null> {
    this.asked.push({ kind: 'open', title: options.title });
    return this.openAnswers.shift() ?? null;
  }

  async openFolder(options: { title: string }): Promise<string | null> {
    this.asked.push({ kind: 'folder', title: options.title });
    return this.folderAnswers.shift() ?? null;
  }

  async saveFile(options: { title: string; defaultName: string }): Promise<string | null> {
    this.asked.push({ kind: 'save', title: options.title });
    this.proposedNames.push(options.defaultName);
    return this.saveAnswers.shift() ?? null;
  }

  showInFolder(path: string): void {
    this.shownInFolder.push(path);
  }

  async openFile(path: string): Promise<void> {
    this.openedFiles.push(path);
  }
}
