/** What the shared-folder inbox shows (see electron/services/inbox.ts). */
import type { FilePreview } from './app';

export interface InboxEntry {
  sha256: string;
  fileName: string;
  size: number;
  modifiedAt: string;
  /** A sync service's copy of this file (its conflict copy). */
  conflictOf?: string;
  preview: FilePreview;
}

export interface InboxView {
  folder: string | null;
  /** The folder could not be read (moved, offline, no permission): the reason. */
  problem: string | null;
  entries: InboxEntry[];
  /** Files already decided on, or from the own institution, not listed. */
  handled: number;
  checkedAt: string | null;
}
