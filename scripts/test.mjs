#!/usr/bin/env node
/**
 * The whole test suite, as CI runs it: format and lint, type check, unit and
 * integration tests (PGlite, and PostgreSQL when TEST_DATABASE_URL is set), the web
 * build, and the browser tests in Chromium. `--fast` stops before the browser.
 * Ends with one line "N passed, N failed" counting every test run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const fast = process.argv.includes('--fast');
const env = { ...process.env, TZ: 'Europe/Riga' };
const results = { passed: 0, failed: 0, skipped: 0 };
let ok = true;

function step(name, command, args) {
  console.log(`\n━━ ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const run = spawnSync(command, args, { stdio: 'inherit', env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (run.status !== 0) {
    console.log(`━━ ${name} FAILED (${seconds} s)`);
    ok = false;
    return false;
  }
  console.log(`━━ ${name} ok (${seconds} s)`);
  return true;
}

function count(file, read) {
  if (!existsSync(file)) return;
  const counts = read(JSON.parse(readFileSync(file, 'utf8')));
  results.passed += counts.passed;
  results.failed += counts.failed;
  results.skipped += counts.skipped;
}

mkdirSync('test-results', { recursive: true });
rmSync('test-results/unit.json', { force: true });
rmSync('test-results/e2e.json', { force: true });

step('format and lint', 'npx', ['biome', 'check', '.']);
step('type check', 'npx', ['tsc', '--noEmit']);
step('unit and integration tests', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/unit.json',
]);
count('test-results/unit.json', (report) => ({
  passed: report.numPassedTests,
  failed: report.numFailedTests,
  skipped: report.numPendingTests + report.numTodoTests,
}));

if (!fast) {
  if (step('web build', 'npx', ['vite', 'build', '--logLevel', 'warn'])) {
    step('browser tests', 'npx', ['playwright', 'test']);
    count('test-results/e2e.json', (report) => ({
      passed: report.stats.expected,
      failed: report.stats.unexpected + report.stats.flaky,
      skipped: report.stats.skipped,
    }));
  }
}

if (!ok && results.failed === 0) results.failed = 1; // a failed step counts even without a failed test
console.log(`\n${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
process.exit(ok ? 0 : 1);
