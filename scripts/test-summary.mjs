// Prints the closing line of a test run, `tests: N passed, M failed, K skipped`, from vitest's JSON
// report and vitest's exit status: node scripts/test-summary.mjs REPORT STATUS [LABEL], LABEL
// going before the line ("Debian stage "). Exits with STATUS.
//
// A test file that fails to load (it throws while being collected) or collects no test at all has
// no failed test in the report, only a failed file: each such file counts as one failure. If
// vitest failed and the report still shows no failure (an error outside any test, or no report),
// that counts as one failure too: the line never says "0 failed" for a run that failed.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The counts of a run, from vitest's JSON report (or none) and its exit status. */
export function summarize(report, status) {
  if (report === undefined) {
    return { passed: 0, failed: status === 0 ? 0 : 1, skipped: 0, notes: [status === 0 ? 'no report written' : `vitest exited with status ${status} and wrote no report`] };
  }
  const notes = [];
  let failed = report.numFailedTests;
  for (const file of report.testResults ?? []) {
    if (file.status !== 'failed' || file.assertionResults.some((a) => a.status === 'failed')) continue;
    failed++;
    const why = (file.message ?? '').split('\n')[0] || 'no test in it ran';
    notes.push(`${relative(process.cwd(), file.name)} did not run: ${why}`);
  }
  if (status !== 0 && failed === 0) {
    failed = 1;
    notes.push(`vitest exited with status ${status} although every test passed: an error outside the tests (see above)`);
  }
  return { passed: report.numPassedTests, failed, skipped: report.numPendingTests + (report.numTodoTests ?? 0), notes };
}

export function summaryLine({ passed, failed, skipped }) {
  return `tests: ${passed} passed, ${failed} failed, ${skipped} skipped`;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [file, statusText = '0', label = ''] = process.argv.slice(2);
  const status = Number(statusText);
  const report = file !== undefined && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
  const summary = summarize(report, status);
  for (const note of summary.notes) console.log(`  ${note}`);
  console.log(`${label}${summaryLine(summary)}`);
  process.exitCode = status;
}
