import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, type TestUser } from '../../../test/helpers/app';
import { loadReferenceDataset, referenceProjectCode } from '../../demo/reference';
import { projects } from '../projects/tables';
import type { SnapshotComparison } from './snapshots';

describeOnDatabases('published reports', (t) => {
  let manager: TestUser;
  let projectId: string;

  beforeAll(async () => {
    await loadReferenceDataset(t().database, t().clock.now());
    projectId = (
      await t()
        .database.unsafeDb.select({ id: projects.id })
        .from(projects)
        .where(eq(projects.code, referenceProjectCode))
    )[0]!.id;
    manager = await t().user({ roles: [{ role: 'project_manager', centreId: null }] });
  }, 120_000);

  it('freezes the figures and shows what changed in the raw records since publication', async () => {
    const published = await manager.caller.post(
      `/api/projects/${projectId}/reports/project-results/snapshots`,
      {},
    );
    expect(published.statusCode, published.body).toBe(201);
    const { id } = published.json() as { id: string };
    const list = (await manager.caller.get(`/api/projects/${projectId}/snapshots`)).json() as {
      snapshots: { id: string; kind: string }[];
    };
    expect(list.snapshots.map((s) => [s.id, s.kind])).toEqual([[id, 'project-results']]);

    let comparison = (await manager.caller.get(`/api/report-snapshots/${id}`)).json() as SnapshotComparison;
    expect(comparison.changes).toEqual([]);
    expect(comparison.currentHash).toBe(comparison.inputHash);

    // Later, the consultation that had been recorded as cancelled turns out to have taken place.
    await t().database.query(
      `UPDATE activities SET status = 'held' WHERE occurs_on = '2014-05-05' AND status = 'cancelled'`,
    );
    comparison = (await manager.caller.get(`/api/report-snapshots/${id}`)).json() as SnapshotComparison;
    expect(comparison.currentHash).not.toBe(comparison.inputHash);
    expect(comparison.changes).toContainEqual({
      path: 'indicators[families_reached null].achieved',
      published: 129,
      now: 130,
    });
    // The published figures themselves never change.
    await expect(t().database.query(`UPDATE report_snapshots SET input_hash = 'x'`)).rejects.toThrow(
      /immutable/,
    );
    const viewer = await t().user({ roles: [{ role: 'partner_viewer', centreId: null }] });
    // Snapshots hold unsuppressed figures: partner viewers are refused them whatever the project.
    expect((await viewer.caller.get(`/api/report-snapshots/${id}`)).statusCode).toBe(403);
    expect(
      (await viewer.caller.post(`/api/projects/${projectId}/reports/project-results/snapshots`, {}))
        .statusCode,
    ).toBe(403);
  });
});
