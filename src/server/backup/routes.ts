import type { App } from '../../platform/types';
import { backupStatus as backupStatusView } from '../../shared/contracts/backups';
import { backupStatus } from './schedule';

export async function backupRoutes(app: App): Promise<void> {
  app.get(
    '/api/backups/status',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags: ['backups'],
        summary: 'When the server last wrote its scheduled backup, and whether that is more than a day ago',
        response: { 200: backupStatusView },
      },
    },
    () => backupStatus(app.deps.config, app.deps.clock.now()),
  );
}
