/**
 * When an end-to-end test fails, the output says what every app still open showed at that moment
 * (address, headings, text, page errors, and a screenshot in test-results/failures/): a wait that
 * timed out on a busy build machine is then explained by the run's log, not guessed at.
 */
import { beforeEach } from 'vitest';
import { describeRunningApps } from './harness';

beforeEach(({ task, onTestFailed }) => {
  onTestFailed(async () => {
    const report = await describeRunningApps(task.name);
    if (report) console.error(`What the apps showed when “${task.name}” failed:\n${report}`);
  });
});
