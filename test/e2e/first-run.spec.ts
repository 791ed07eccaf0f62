import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startServerProcess } from '../helpers/server-process';
import { expectAccessible } from './helpers';

test('a newcomer creates the first administrator in the browser from the link the server printed', async ({
  page,
}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'atb-first-run-'));
  const server = await startServerProcess({ DATA_DIR: dataDir, BACKUP_DIR: 'off' });
  try {
    const link = /http:\/\/localhost:\d+\/setup\?token=[0-9a-f]{64}/.exec(server.stdout())?.[0];
    expect(link, server.stdout()).toBeDefined();
    // The sign-in page says where to go while nobody exists.
    await page.goto(`http://localhost:${server.port}/`);
    await expect(page.getByText('Vēl nav neviena lietotāja.', { exact: false })).toBeVisible();

    await page.goto(link!);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pirmais administrators');
    await page.getByRole('textbox', { name: 'E-pasts', exact: true }).fill('vaditaja@example.org');
    await page.getByRole('textbox', { name: 'Vārds', exact: true }).fill('Inga');
    await page.getByRole('textbox', { name: 'Uzvārds' }).fill('Sākuma');
    await page.getByLabel('Parole (vismaz 12 rakstzīmes; vairāki nesaistīti vārdi)').fill('parole');
    await page.getByRole('button', { name: 'Izveidot administratoru' }).click();
    await expect(page.getByText('Parolei jābūt vismaz 12 rakstzīmēm.')).toBeVisible();
    await expectAccessible(page, 'first administrator refused');
    await page
      .getByLabel('Parole (vismaz 12 rakstzīmes; vairāki nesaistīti vārdi)')
      .fill('zaļš mežs aiz upes līkuma');
    await page.getByRole('button', { name: 'Izveidot administratoru' }).click();
    await expect(page.getByRole('status')).toHaveText(
      'Administrators vaditaja@example.org ir izveidots. Piesakieties ar savu paroli.',
    );
    await page.getByRole('button', { name: 'Pieteikties' }).click();
    await page.getByRole('textbox', { name: 'E-pasts', exact: true }).fill('vaditaja@example.org');
    await page.getByRole('textbox', { name: 'Parole', exact: true }).fill('zaļš mežs aiz upes līkuma');
    await page.getByRole('button', { name: 'Pieteikties' }).click();
    await expect(page.getByRole('button', { name: 'Iziet' })).toBeVisible();
    // The new administrator's home page says what to set up first, and where (issue 17, item 8).
    await expect(page.getByRole('heading', { name: 'Vēl jāiestata' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Izveidojiet pirmo centru' })).toHaveAttribute(
      'href',
      '/admin/centres',
    );
    await expect(page.getByText('1 aktīvs lietotājs · 0 centru')).toBeVisible();
    // The link is spent.
    const again = await page.request.post(`http://localhost:${server.port}/api/setup`, {
      data: {
        email: 'cits@example.org',
        givenName: 'A',
        familyName: 'B',
        password: 'zaļš mežs aiz upes līkuma',
        token: new URL(link!).searchParams.get('token'),
      },
    });
    expect(again.status()).toBe(409);
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
});
