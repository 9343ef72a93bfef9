import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * LibreOffice's `-env:UserInstallation` for this test process. Two `soffice` runs that share a
 * user profile do not run side by side: the second hands its work to the first and may exit
 * before any file is converted. Test files run in parallel workers, so each process keeps its
 * own profile (reused by its own, serial, conversions), removed when the process exits.
 */
export function libreOfficeProfile(): string {
  const profile = join(tmpdir(), `trustbridge-lo-profile-${process.pid}`);
  if (!profileRemovedAtExit) {
    profileRemovedAtExit = true;
    // LibreOffice writes about 300 KB of settings there; nothing reads them after this process.
    process.once('exit', () => {
      if (!process.env['KEEP_TEST_DATA']) rmSync(profile, { recursive: true, force: true });
    });
  }
  return `-env:UserInstallation=${pathToFileURL(profile).href}`;
}

let profileRemovedAtExit = false;

/**
 * Converts documents to PDF into `outDir` with one `soffice` run (starting LibreOffice costs
 * more than converting a document), and returns each PDF's path, in the order given. Throws with
 * LibreOffice's output when it fails or leaves a PDF out.
 */
export function convertToPdf(soffice: string, files: string[], outDir: string): string[] {
  const result = spawnSync(soffice, ['--headless', libreOfficeProfile(), '--convert-to', 'pdf', '--outdir', outDir, ...files], { encoding: 'utf8', timeout: 240_000 });
  const pdfs = files.map((file) => join(outDir, basename(file).replace(/\.[^.]+$/, '.pdf')));
  if (result.status !== 0) throw new Error(`soffice exited with ${String(result.status ?? result.signal)}: ${result.stderr}${result.stdout}`);
  const missing = pdfs.filter((pdf) => !existsSync(pdf));
  if (missing.length > 0) throw new Error(`soffice wrote no ${missing.join(', ')}: ${result.stderr}${result.stdout}`);
  return pdfs;
}
