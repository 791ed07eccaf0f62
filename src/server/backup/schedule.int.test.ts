import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeOnDatabases, json } from '../../../test/helpers/app';
import { runScheduledBackup } from './schedule';

/* Issue 19, part 6: scheduled backups keep BACKUP_KEEP files, and the administrator sees when the last was. */
describeOnDatabases('scheduled backups', (t) => {
  it('keeps the newest, and tells the administrator when the last is more than a day old', async () => {
    const admin = await t().user({ roles: [{ role: 'administrator' }] });
    const specialist = await t().user({
      roles: [{ role: 'specialist', centreId: await t().createCentre('B') }],
    });
    const config = { ...t().app.deps.config, backupKeep: 2 };
    expect(json(await admin.caller.get('/api/backups/status'))).toEqual({
      scheduled: true,
      last: null,
      stale: true,
    });
    expect((await specialist.caller.get('/api/backups/status')).statusCode).toBe(403);

    const hour = 60;
    for (let i = 0; i < 3; i++) {
      await runScheduledBackup(t().database, config, t().clock.now());
      t().clock.advanceMinutes(2 * hour);
    }
    expect(readdirSync(config.backupDir!)).toHaveLength(2);
    admin.caller = await t().signIn(admin.email);
    const status = json<{ last: { at: string; bytes: number }; stale: boolean }>(
      await admin.caller.get('/api/backups/status'),
    );
    expect(status.stale).toBe(false);
    expect(Date.parse(status.last.at)).toBe(t().clock.now().getTime() - 2 * hour * 60_000);
    expect(status.last.bytes).toBeGreaterThan(1000);

    t().clock.advanceMinutes(24 * hour);
    admin.caller = await t().signIn(admin.email);
    expect(json<{ stale: boolean }>(await admin.caller.get('/api/backups/status')).stale).toBe(true);
  });
});
