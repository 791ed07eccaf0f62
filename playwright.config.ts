import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 8099);
/** A second server holding the reference dataset, for the report pages. */
export const referencePort = Number(process.env.E2E_REFERENCE_PORT ?? 8098);

/** Browser tests run in Debian's Chromium; a downloaded browser is never used. */
export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: 'lv-LV',
    timezoneId: 'Europe/Riga',
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: 'node --import tsx scripts/e2e-server.ts',
      url: `http://localhost:${port}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { E2E_PORT: String(port), LOG_LEVEL: 'warn', TZ: 'Europe/Riga' },
    },
    {
      command: 'node --import tsx scripts/e2e-reference-server.ts',
      url: `http://localhost:${referencePort}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: { E2E_REFERENCE_PORT: String(referencePort), LOG_LEVEL: 'warn', TZ: 'Europe/Riga' },
    },
  ],
});
