#!/usr/bin/env node
// Builds the web app before `npm start` when it is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const output = 'dist/web/index.html';

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const sources = Math.max(newest('src/web'), newest('src/shared'), statSync('package-lock.json').mtimeMs);
if (existsSync(output) && statSync(output).mtimeMs >= sources) process.exit(0);
console.log('Building the web app…');
const run = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
process.exit(run.status ?? 1);
