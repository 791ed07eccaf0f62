import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases, json, type TestUser } from '../../../test/helpers/app';
import { registerFamily } from '../../../test/helpers/registry';
import type { AuditVerification } from '../../shared/contracts/audit';
import { verifyAuditTrail } from './verify';

/*
 * Issue 16, part 6: the audit trail proves itself. The database's owner (the tests' role) tampers with the
 * log past its append-only trigger, and verification names the entry where the chain breaks.
 */
describeOnDatabases('the audit trail’s hash chain', (t) => {
  let worker: TestUser;
  let centre: string;

  beforeAll(async () => {
    centre = await t().createCentre('Ķēdes centrs');
    worker = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    await registerFamily(worker.caller, centre, [
      { relation: 'mother', person: { givenName: 'Ieva', familyName: 'Ķēde', birthYear: 1984 } },
    ]);
  }, 120_000);

  const entries = (where = 'TRUE') =>
    t().database.query<{ id: string; seq: string; reason: string | null }>(
      `SELECT id::text, chain_seq::text AS seq, reason FROM audit_log
       WHERE organisation_id = $1 AND ${where} ORDER BY chain_seq`,
      [t().organisationId],
    );
  /** As the owner: the append-only trigger off for one change, and on again. */
  const asOwner = async (sqlText: string, params: unknown[] = []) => {
    await t().database.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
    try {
      await t().database.query(sqlText, params);
    } finally {
      await t().database.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete');
    }
  };

  it('numbers and chains every entry, also those of many requests at once', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        registerFamily(worker.caller, centre, [
          {
            relation: 'mother',
            person: { givenName: 'Vienlaikus', familyName: `Ķēde${i}`, birthYear: 1980 + i },
          },
        ]),
      ),
    );
    const chain = await entries();
    expect(chain.length).toBeGreaterThan(24);
    expect(chain.map((e) => Number(e.seq))).toEqual(chain.map((_, i) => i + 1));
    const verification = await verifyAuditTrail(t().database.unsafeDb);
    expect(verification.broken).toBeNull();
    expect(verification.heads.find((h) => h.chain === t().organisationId)?.seq).toBe(chain.length);
  });

  it('chains the entries of one long transaction, a rolled-back savepoint’s taking their numbers with them', async () => {
    const before = await entries();
    const insert = (tx: { execute: (query: ReturnType<typeof sql>) => Promise<unknown> }, reason: string) =>
      tx.execute(
        sql`INSERT INTO audit_log (id, organisation_id, occurred_at, action, outcome, details, reason)
            VALUES (gen_random_uuid(), ${t().organisationId}, now(), 'test.bulk', 'success', '{}', ${reason})`,
      );
    await t().database.unsafeDb.transaction(async (tx) => {
      for (let i = 0; i < 300; i++) await insert(tx, `kept ${i}`);
      await tx
        .transaction(async (savepoint) => {
          await insert(savepoint, 'rolled back');
          throw new Error('roll the savepoint back');
        })
        .catch(() => {});
      await insert(tx, 'after the savepoint');
    });
    const after = await entries();
    expect(after.length).toBe(before.length + 301);
    expect(after.map((e) => Number(e.seq))).toEqual(after.map((_, i) => i + 1));
    expect(after.at(-1)!.reason).toBe('after the savepoint');
    const verification = await verifyAuditTrail(t().database.unsafeDb);
    expect(verification.broken).toBeNull();
    expect(verification.heads.find((h) => h.chain === t().organisationId)?.seq).toBe(after.length);
  });

  it('finds an entry changed in place, and is content again when it is put back', async () => {
    const victim = (await entries())[3]!;
    await asOwner('UPDATE audit_log SET reason = $2 WHERE id = $1', [victim.id, 'nothing happened here']);
    const broken = await verifyAuditTrail(t().database.unsafeDb);
    expect(broken.broken).toMatchObject({ entryId: victim.id, problem: 'altered', seq: Number(victim.seq) });
    await asOwner('UPDATE audit_log SET reason = $2 WHERE id = $1', [victim.id, victim.reason]);
    expect((await verifyAuditTrail(t().database.unsafeDb)).broken).toBeNull();
  });

  it('finds an entry removed, an entry slipped in, and the last entries cut off', async () => {
    const before = await verifyAuditTrail(t().database.unsafeDb);
    const chain = await entries();
    const [removed, next] = [chain[5]!, chain[6]!];
    const saved = await t().database.query<Record<string, unknown>>('SELECT * FROM audit_log WHERE id = $1', [
      removed.id,
    ]);
    await asOwner('DELETE FROM audit_log WHERE id = $1', [removed.id]);
    expect((await verifyAuditTrail(t().database.unsafeDb)).broken).toMatchObject({
      entryId: next.id,
      problem: 'gap',
    });
    // Put back as it was (the chaining trigger off, so that it keeps its own number and hashes).
    const row = saved[0]!;
    const columns = Object.keys(row);
    await t().database.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_chain');
    try {
      await t().database.query(
        `INSERT INTO audit_log (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        columns.map((c) => (c === 'details' ? JSON.stringify(row[c]) : row[c])),
      );
      expect((await verifyAuditTrail(t().database.unsafeDb)).broken).toBeNull();

      // An entry added past the chain.
      await t().database.query(
        `INSERT INTO audit_log (id, organisation_id, occurred_at, action, outcome, details)
         VALUES (gen_random_uuid(), $1, now(), 'case.read', 'success', '{}')`,
        [t().organisationId],
      );
      expect((await verifyAuditTrail(t().database.unsafeDb)).broken).toMatchObject({ problem: 'unchained' });
      await asOwner(`DELETE FROM audit_log WHERE chain_seq IS NULL`);
    } finally {
      await t().database.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_chain');
    }
    expect((await verifyAuditTrail(t().database.unsafeDb)).broken).toBeNull();

    // The newest entry cut off.
    const last = (await entries()).at(-1)!;
    await asOwner('DELETE FROM audit_log WHERE id = $1', [last.id]);
    expect((await verifyAuditTrail(t().database.unsafeDb)).broken).toMatchObject({
      problem: 'truncated',
      seq: Number(last.seq),
    });
    // The same cut with the heads table rewritten too is found against a head recorded before.
    await t().database.query(
      `UPDATE audit_chain_heads SET seq = seq - 1,
         hash = (SELECT hash FROM audit_log WHERE audit_chain_of(organisation_id) = $1 AND chain_seq = $2)
       WHERE chain = $1`,
      [t().organisationId, Number(last.seq) - 1],
    );
    expect((await verifyAuditTrail(t().database.unsafeDb)).broken).toBeNull();
    // The head printed before the cut names an entry that is gone; an earlier intact entry still checks.
    const recorded = before.heads.find((h) => h.chain === t().organisationId)!;
    expect(recorded.seq).toBe(Number(last.seq));
    expect((await verifyAuditTrail(t().database.unsafeDb, { expected: [recorded] })).broken).toMatchObject({
      problem: 'differs_from_record',
      seq: Number(last.seq),
    });
    const [tenth] = await t().database.query<{ hash: string }>(
      'SELECT hash FROM audit_log WHERE audit_chain_of(organisation_id) = $1 AND chain_seq = 10',
      [t().organisationId],
    );
    const earlier = { chain: recorded.chain, seq: 10, hash: tenth!.hash };
    expect((await verifyAuditTrail(t().database.unsafeDb, { expected: [earlier] })).broken).toBeNull();
  });
});

describeOnDatabases('checking the audit trail on the web', (t) => {
  it('lets the data protection officer check the organisation’s chain, and says where it broke', async () => {
    const dpo = await t().user({ roles: [{ role: 'data_protection_officer' }] });
    const centre = await t().createCentre('Pārbaudes centrs');
    const worker = await t().user({ roles: [{ role: 'specialist', centreId: centre }] });
    expect((await worker.caller.get('/api/audit/verification')).statusCode).toBe(403);

    const intact = json<AuditVerification>(await dpo.caller.get('/api/audit/verification'));
    expect(intact.broken).toBeNull();
    expect(intact.entries).toBeGreaterThan(0);
    expect(intact.head?.seq).toBe(intact.entries);

    const [victim] = await t().database.query<{ id: string; seq: string }>(
      `SELECT id::text, chain_seq::text AS seq FROM audit_log WHERE action = 'access.denied' AND organisation_id = $1`,
      [t().organisationId],
    );
    await t().database.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
    await t().database.query(`UPDATE audit_log SET actor_user_id = NULL WHERE id = $1`, [victim!.id]);
    await t().database.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete');
    const broken = json<AuditVerification>(await dpo.caller.get('/api/audit/verification'));
    expect(broken.broken).toMatchObject({
      entryId: victim!.id,
      seq: Number(victim!.seq),
      problem: 'altered',
    });
    // Each check is itself on record.
    const [checks] = await t().database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'audit.verify'`,
    );
    expect(checks!.n).toBe(2);
  });
});
