import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * LibreOffice's `-env:UserInstallation` for this test process. Two `soffice` runs that share a
 * user profile do not run side by side: the second hands its work to the first and may exit
 * before any file is converted. Test files run in parallel workers, so each process keeps its
 * own profile (reused by its own, serial, conversions).
 */
export function libreOfficeProfile(): string {
  return `-env:UserInstallation=${pathToFileURL(join(tmpdir(), `trustbridge-lo-profile-${process.pid}`)).href}`;
}
