/**
 * Saving answers so that nothing typed is ever lost.
 *
 * Every change is sent at once; while a save is on its way, later changes to the same assessment
 * wait and are merged, then sent together (so the store sees them in order, and typing does not
 * queue one write per keystroke). Until the main process has acknowledged a change, it is also
 * kept in the page's localStorage, written synchronously on every change: if the window closes or
 * the renderer crashes before the save arrives, the next time the assessment opens the journal is
 * replayed first.
 */
import type { AnswerPatch } from '../../../shared/assessment/patch';
import type { AppErrorData } from '../../../shared/errors';
import type { AnswerSaved } from '../../../shared/ipc/contract';

type Patches = Record<string, AnswerPatch>;

const journalKey = (assessmentId: string) => `trustbridge:unsaved:${assessmentId}`;

function readJournal(assessmentId: string): Patches {
  try {
    const raw = window.localStorage.getItem(journalKey(assessmentId));
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' ? (parsed as Patches) : {};
  } catch {
    return {};
  }
}

function writeJournal(assessmentId: string, patches: Patches): void {
  try {
    if (Object.keys(patches).length === 0) window.localStorage.removeItem(journalKey(assessmentId));
    else window.localStorage.setItem(journalKey(assessmentId), JSON.stringify(patches));
  } catch {
    // A full or disabled localStorage only loses the crash safety net, not the save itself.
  }
}

type SaveEvent =
  | { type: 'state'; status: 'saved' | 'saving' | 'error' }
  | { type: 'saved'; criterionId: string; result: AnswerSaved }
  | { type: 'failed'; criterionId: string; error: AppErrorData };

type SendAnswer = (criterionId: string, patch: AnswerPatch) => Promise<{ ok: true; value: AnswerSaved } | { ok: false; error: AppErrorData }>;

export class AnswerSaver {
  /** Changes not yet acknowledged, per criterion: the journal's content. */
  private unsaved: Patches;
  private sending = false;

  constructor(
    private readonly assessmentId: string,
    private readonly send: SendAnswer,
    private readonly listener: (event: SaveEvent) => void,
  ) {
    this.unsaved = readJournal(assessmentId);
  }

  /** Changes left from an earlier session (replayed by `flush`). */
  get pendingFromBefore(): Patches {
    return { ...this.unsaved };
  }

  save(criterionId: string, patch: AnswerPatch): void {
    this.unsaved = { ...this.unsaved, [criterionId]: { ...this.unsaved[criterionId], ...patch } };
    writeJournal(this.assessmentId, this.unsaved);
    void this.flush();
  }

  /** Sends what is unsaved, criterion by criterion, one request at a time. */
  async flush(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      for (;;) {
        const [criterionId, patch] = Object.entries(this.unsaved)[0] ?? [];
        if (!criterionId || !patch) break;
        this.listener({ type: 'state', status: 'saving' });
        const result = await this.send(criterionId, patch);
        // What was sent is acknowledged; anything typed meanwhile stays for the next round.
        const current = this.unsaved[criterionId];
        const rest = current ? withoutSent(current, patch) : undefined;
        const next = { ...this.unsaved };
        if (rest && Object.keys(rest).length) next[criterionId] = rest;
        else delete next[criterionId];
        if (!result.ok) {
          // The store refused it (a locked assessment, a full disk): it must not be retried forever,
          // and the user is told; the journal keeps nothing the store would refuse again.
          this.unsaved = next;
          writeJournal(this.assessmentId, this.unsaved);
          this.listener({ type: 'failed', criterionId, error: result.error });
          this.listener({ type: 'state', status: 'error' });
          return;
        }
        this.unsaved = next;
        writeJournal(this.assessmentId, this.unsaved);
        this.listener({ type: 'saved', criterionId, result: result.value });
      }
      this.listener({ type: 'state', status: 'saved' });
    } finally {
      this.sending = false;
    }
  }
}

/** The fields of `current` that differ from what was sent. */
function withoutSent(current: AnswerPatch, sent: AnswerPatch): AnswerPatch {
  const rest: AnswerPatch = {};
  for (const [key, value] of Object.entries(current) as Array<[keyof AnswerPatch, AnswerPatch[keyof AnswerPatch]]>) {
    if (sent[key] !== value) (rest as Record<string, unknown>)[key] = value;
  }
  return rest;
}
