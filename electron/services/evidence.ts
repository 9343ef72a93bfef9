/**
 * Evidence files attached to answers: stored by content in the evidence store, listed on the
 * answer by the assessment service, and copied out under their original name to be opened.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { NewEvidence } from '../../shared/assessment/answer';
import type { Assessment } from '../../shared/assessment/schema';
import { AppError } from '../../shared/errors';
import type { EvidenceStore } from '../store/evidence-store';
import type { AssessmentService } from './assessments';

export class EvidenceService {
  constructor(
    private readonly evidence: EvidenceStore,
    private readonly assessments: AssessmentService,
    /** Where copies to open are written (`<dataDir>/.open`). */
    private readonly dataDir: string,
  ) {}

  /** Stores each file and attaches it to the answer; the assessment after the last one (undefined for none). */
  async attachFiles(id: string, criterionId: string, paths: readonly string[]): Promise<Assessment | undefined> {
    let latest: Assessment | undefined;
    for (const path of paths) {
      const stored = await this.evidence.addFile(path);
      const item: NewEvidence = {
        kind: 'file',
        label: '',
        fileName: basename(path).slice(0, 255),
        mediaType: '',
        size: stored.size,
        sha256: stored.sha256,
      };
      latest = await this.assessments.addEvidence(id, criterionId, item);
    }
    return latest;
  }

  /**
   * A copy of an attached file under its original name, for the operating system to open: stored
   * files have no name, and the OS picks the application by the name.
   */
  async copyToOpen(id: string, criterionId: string, evidenceId: string): Promise<string> {
    const assessment = await this.assessments.get(id);
    const item = assessment.answers[criterionId]?.evidence.find((candidate) => candidate.id === evidenceId);
    if (!item || item.kind !== 'file') throw new AppError({ code: 'NOT_FOUND', message: 'This evidence file is no longer attached.' });
    // Checked against its SHA-256 each time it is opened; restored from its second copy if needed.
    const checked = await this.evidence.check(item.sha256);
    if (checked.state === 'damaged') {
      const setAside = [checked.setAsidePath, checked.copySetAsidePath].filter(Boolean).join(' and ');
      throw new AppError({
        code: 'DAMAGED_FILE',
        message:
          `The stored file ${item.fileName} and its second copy are both missing or no longer match their fingerprint (SHA-256 ${item.sha256.slice(0, 16)}…)` +
          (setAside ? `; the damaged files were set aside as ${setAside}` : '') +
          '. Attach the original file again, or restore a whole backup of the data folder (Settings › All data › Restore a backup into a new folder).',
        params: { fileName: item.fileName, sha256: item.sha256 },
      });
    }
    const folder = join(this.dataDir, '.open', item.sha256.slice(0, 16));
    await mkdir(folder, { recursive: true });
    const copy = join(folder, safeFileName(item.fileName, 'evidence'));
    await copyFile(this.evidence.pathOf(item.sha256), copy);
    return copy;
  }
}

/** A file name safe on every OS: no folders, no reserved characters; `fallback` when nothing is left. */
export function safeFileName(name: string, fallback: string): string {
  // Control characters are exactly what must go, hence the range in the pattern.
  // eslint-disable-next-line no-control-regex
  const cleaned = basename(name).replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_').trim();
  return cleaned.length ? cleaned.slice(0, 200) : fallback;
}
