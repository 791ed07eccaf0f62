import type { SqlSession } from '../../db/connection';

/**
 * Verifies the audit trail's hash chains (migration 0021): every entry's hash matches its fields and the
 * hash before it, numbers run without a gap, and each chain's head (its last number and hash, kept in
 * `audit_chain_heads`) is its last entry. One statement over the log: a million entries take seconds.
 *
 * What it proves: an entry changed, removed or slipped in directly in the database (past the append-only
 * trigger, with it dropped) is found, named by the first entry where its chain breaks. Someone who can
 * rewrite the log *and* recompute every later hash and the heads is found only against a head recorded
 * elsewhere before: `expect` takes such a record (chain, number and hash, as `verify` prints them).
 */
export type ChainProblem =
  /** The entry's fields no longer give its hash: it was changed. */
  | 'altered'
  /** The entry does not follow the one before it: an entry before it was removed or changed. */
  | 'gap'
  /** The entry carries no chain at all: it was inserted past the trigger. */
  | 'unchained'
  /** The chain ends before its recorded head: its last entries were removed. */
  | 'truncated'
  /** The chain's entry at a recorded number has another hash than recorded, or is gone. */
  | 'differs_from_record';

export interface ChainBreak {
  chain: string;
  seq: number | null;
  entryId: string | null;
  occurredAt: string | null;
  action: string | null;
  problem: ChainProblem;
}

export interface ChainHead {
  chain: string;
  seq: number;
  hash: string;
}

export interface Verification {
  entries: number;
  heads: ChainHead[];
  broken: ChainBreak | null;
}

export interface RecordedHead {
  chain: string;
  seq: number;
  hash: string;
}

/** Parses a recorded head as `verify` prints it: `chain:number:hash`. */
export function parseRecordedHead(text: string): RecordedHead | null {
  const match = /^([\w-]+):(\d+):([0-9a-f]{64})$/.exec(text.trim());
  return match ? { chain: match[1]!, seq: Number(match[2]), hash: match[3]! } : null;
}

export async function verifyAuditTrail(db: SqlSession, expected: RecordedHead[] = []): Promise<Verification> {
  const [broken] = await db.query<{
    chain: string;
    seq: string | null;
    id: string;
    occurred_at: Date | string;
    action: string;
    problem: ChainProblem;
  }>(
    `SELECT chain, seq::text, id::text, occurred_at, action, problem FROM (
       SELECT audit_chain_of(organisation_id) AS chain, chain_seq AS seq, id, occurred_at, action,
         CASE
           WHEN hash IS NULL OR chain_seq IS NULL OR prev_hash IS NULL THEN 'unchained'
           WHEN chain_seq <> coalesce(lag(chain_seq) OVER w, 0) + 1
             OR prev_hash IS DISTINCT FROM coalesce(lag(hash) OVER w, repeat('0', 64)) THEN 'gap'
           WHEN hash <> audit_entry_hash(a) THEN 'altered'
         END AS problem
       FROM audit_log a
       WINDOW w AS (PARTITION BY audit_chain_of(organisation_id) ORDER BY chain_seq NULLS FIRST, occurred_at, id)
     ) checked
     WHERE problem IS NOT NULL
     ORDER BY occurred_at, id
     LIMIT 1`,
  );
  const [{ n } = { n: '0' }] = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_log');
  const lasts = await db.query<{ chain: string; seq: string; hash: string; recorded_seq: string | null }>(
    `SELECT h.chain, h.seq::text AS seq, h.hash, max(a.chain_seq)::text AS recorded_seq
     FROM audit_chain_heads h LEFT JOIN audit_log a ON audit_chain_of(a.organisation_id) = h.chain
     GROUP BY h.chain, h.seq, h.hash ORDER BY h.chain`,
  );
  const heads = lasts.map((row) => ({ chain: row.chain, seq: Number(row.seq), hash: row.hash }));
  const verification: Verification = { entries: Number(n), heads, broken: null };
  if (broken) {
    verification.broken = {
      chain: broken.chain,
      seq: broken.seq === null ? null : Number(broken.seq),
      entryId: broken.id,
      occurredAt: new Date(broken.occurred_at).toISOString(),
      action: broken.action,
      problem: broken.problem,
    };
    return verification;
  }
  const cut = lasts.find((row) => Number(row.recorded_seq ?? 0) !== Number(row.seq));
  if (cut) {
    verification.broken = {
      chain: cut.chain,
      seq: Number(cut.recorded_seq ?? 0) + 1,
      entryId: null,
      occurredAt: null,
      action: null,
      problem: 'truncated',
    };
    return verification;
  }
  for (const record of expected) {
    const [entry] = await db.query<{ hash: string }>(
      'SELECT hash FROM audit_log WHERE audit_chain_of(organisation_id) = $1 AND chain_seq = $2',
      [record.chain, record.seq],
    );
    if (entry?.hash !== record.hash) {
      verification.broken = {
        chain: record.chain,
        seq: record.seq,
        entryId: null,
        occurredAt: null,
        action: null,
        problem: 'differs_from_record',
      };
      return verification;
    }
  }
  return verification;
}

const problemText: Record<ChainProblem, string> = {
  altered: 'its fields no longer give its hash: it was changed after it was written',
  gap: 'it does not follow the entry before it: an earlier entry was removed or changed',
  unchained: 'it carries no chain: it was inserted past the audit trigger',
  truncated: 'the chain ends before its recorded head: its last entries were removed',
  differs_from_record: 'the entry at the recorded number does not carry the recorded hash',
};

/** The verification as the CLI prints it. */
export function describeVerification(v: Verification): string {
  const heads = v.heads.map((h) => `  ${h.chain}:${h.seq}:${h.hash}`).join('\n');
  if (!v.broken)
    return `The audit trail is intact: ${v.entries} ${v.entries === 1 ? 'entry' : 'entries'} in ${v.heads.length} ${v.heads.length === 1 ? 'chain' : 'chains'}.\nChain heads (keep a copy to check against later with --expect):\n${heads}`;
  const b = v.broken;
  const where = b.entryId
    ? `entry ${b.entryId} (chain ${b.chain}, number ${b.seq ?? 'none'}, ${b.action} at ${b.occurredAt})`
    : `chain ${b.chain} at number ${b.seq}`;
  return `The audit trail is broken at ${where}: ${problemText[b.problem]}.`;
}
