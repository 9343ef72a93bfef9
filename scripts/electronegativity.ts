/**
 * Runs Electronegativity (Doyensec's Electron security scanner) over the main process and preload
 * sources together with the page they load (the built index.html, which carries the content
 * security policy), reads its SARIF report, and fails on any finding. The scanner itself exits 0
 * even when it finds something, so the report is the only truth.
 *
 * AvailableSecurityFixesGlobalCheck is left out: it downloads Electron's release list, and this
 * check must work offline. Keeping Electron current is the job of the pinned version and of
 * reviewing upgrades. The scanner's own fetch of newer translations of its messages is turned
 * off by a preload (electronegativity-offline.cjs).
 *
 * Some checks are review prompts by design: PRELOAD_JS_CHECK reports every window that has a
 * preload at all ("review the use of preload scripts"), which every sandboxed Electron app needs
 * for IPC. Such a finding is accepted only when it is listed below with the exact source line and
 * the outcome of the review; a new finding, or a change to a reviewed line, fails the run.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = process.cwd();

const reviewed: ReadonlyArray<{ ruleId: string; file: string; line: string; review: string }> = [
  {
    ruleId: 'PRELOAD_JS_CHECK',
    file: 'electron/main/window.ts',
    line: 'preload: options.preloadPath,',
    review:
      'The preload (electron/preload/index.ts) runs sandboxed with context isolation and exposes only window.api, ' +
      'one function per channel of the IPC contract, plus webUtils.getPathForFile for dropped files. It exposes no ' +
      'ipcRenderer, no Node API and no generic send/invoke; the main process checks every sender and request schema.',
  },
];
const renderedPage = join(root, 'dist/renderer/index.html');
if (!existsSync(renderedPage)) {
  const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (built.status !== 0) process.exit(1);
}

const staging = mkdtempSync(join(tmpdir(), 'trustbridge-electronegativity-'));
try {
  cpSync(join(root, 'electron'), join(staging, 'electron'), { recursive: true });
  cpSync(renderedPage, join(staging, 'renderer/index.html'));
  const report = join(staging, 'report.sarif');
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version as string;
  const run = spawnSync(
    process.execPath,
    [
      '--require', join(import.meta.dirname, 'electronegativity-offline.cjs'),
      join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'),
      '--input', staging,
      '--output', report,
      '--exclude-checks', 'AvailableSecurityFixesGlobalCheck',
      '--electron-version', electronVersion,
      '--relative',
      '--verbose', 'false',
    ],
    { encoding: 'utf8' },
  );
  if (!existsSync(report)) {
    console.error('Electronegativity produced no report:\n', run.stdout, run.stderr);
    process.exit(1);
  }
  const sarif = JSON.parse(readFileSync(report, 'utf8')) as {
    runs: Array<{ results: Array<{ ruleId: string; message: { text: string }; locations?: Array<{ physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number } } }> }> }>;
  };
  const isReviewed = (finding: (typeof sarif.runs)[number]['results'][number]) => {
    const where = finding.locations?.[0]?.physicalLocation;
    const file = where?.artifactLocation?.uri ?? '';
    const lineNumber = where?.region?.startLine ?? 0;
    const sourceLine = existsSync(join(staging, file)) ? (readFileSync(join(staging, file), 'utf8').split('\n')[lineNumber - 1] ?? '').trim() : '';
    return reviewed.some((entry) => entry.ruleId === finding.ruleId && file.endsWith(entry.file) && sourceLine === entry.line);
  };
  const all = sarif.runs.flatMap((r) => r.results);
  const findings = all.filter((finding) => !isReviewed(finding));
  if (findings.length > 0) {
    console.error(`Electronegativity: ${findings.length} finding(s):`);
    for (const finding of findings) {
      const where = finding.locations?.[0]?.physicalLocation;
      console.error(`  ${finding.ruleId} at ${where?.artifactLocation?.uri ?? '?'}:${where?.region?.startLine ?? '?'} — ${finding.message.text}`);
    }
    process.exit(1);
  }
  console.log(
    `Electronegativity: no findings (Electron ${electronVersion}, electron/ and the renderer page; ${all.length - findings.length} reviewed review-prompt finding(s) accepted).`,
  );
} finally {
  rmSync(staging, { recursive: true, force: true });
}
