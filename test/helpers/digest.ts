import type { TestApp } from './app';

/** Every table's row count and a hash of its rows, but the audit log and what a request may always touch. */
export async function contentDigest(t: TestApp): Promise<string> {
  const tables = await t.database.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
       AND table_name NOT IN ('audit_log', 'audit_chain_heads', 'sessions', 'sign_in_failures', 'schema_migrations')
     ORDER BY table_name`,
  );
  const parts = tables.map(
    (r) => `SELECT '${r.name}' AS t, count(*) AS n, sum(hashtext(x::text)) AS h FROM "${r.name}" x`,
  );
  const rows = await t.database.query<{ t: string; n: string; h: string | null }>(parts.join(' UNION ALL '));
  return rows.map((r) => `${r.t}:${r.n}:${r.h}`).join(';');
}
