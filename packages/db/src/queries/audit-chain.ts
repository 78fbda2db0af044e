import type { Queryable } from '../database.js';

/**
 * Checking the audit trail's hash chains (migration 0012): every record's hash recomputed
 * from its content and the hash before it, every position accounted for, every chain ending
 * where its head says it does. Read-only; the runtime role may run it.
 */

/**
 * What is wrong at a chain's first broken link:
 * - `content`: the record's hash does not match its content: it was changed after it was written;
 * - `link`: its prev_hash is not the hash of the record before it: that record was replaced,
 *   or changed and its hash recomputed;
 * - `missing`: positions before it are absent: records were deleted;
 * - `repeated`: its position is taken twice (or goes backwards): a record was inserted or copied;
 * - `tail`: the chain's last records are absent, or its last record is not the one the head names;
 * - `head`: records exist but the chain has no head.
 */
export type AuditFault = 'content' | 'link' | 'missing' | 'repeated' | 'tail' | 'head';

export interface AuditBreak {
  orgId: string;
  fault: AuditFault;
  /** the record at which the chain breaks; null for a `tail` or `head` fault without one */
  id: string | null;
  seq: string | null;
  /** UTC ISO instant */
  at: string | null;
  table: string | null;
  /** the last intact position before the break (0: none) */
  priorSeq: string;
  /** for `tail`: the position the head names */
  headSeq: string | null;
}

export interface AuditChainHead {
  orgId: string;
  /** records in the chain */
  records: number;
  /** the position and hash (hex) the chain ends with, as its head records it */
  seq: string;
  hash: string;
}

export interface AuditChainCheck {
  /** records checked */
  total: number;
  chains: AuditChainHead[];
  /** the first broken link of each broken chain, by organisation id */
  breaks: AuditBreak[];
}

const ORG = '($1::bigint is null or a.org_id = $1::bigint)';

/** Checks every chain, or one organisation's when `orgId` is given. */
export async function checkAuditChains(q: Queryable, orgId?: string): Promise<AuditChainCheck> {
  const params = [orgId ?? null];
  const links = await q.query<AuditBreak & Record<string, unknown>>(
    `with chain as (
       select a.org_id, a.seq, a.id, a.at, a.table_name, a.prev_hash, a.hash,
         sha256(a.prev_hash || audit_canonical(a.org_id, a.seq, a.id, a.at, a.table_name, a.action, a.actor,
           a.db_role, a.address, a.user_id, a.before, a.after)) as computed,
         coalesce(lag(a.seq) over w, 0) as prior_seq,
         coalesce(lag(a.hash) over w, audit_genesis()) as prior_hash
       from audit_log a
       where ${ORG}
       window w as (partition by a.org_id order by a.seq, a.id)
     ),
     faults as (
       select c.*, case
           when c.seq <= c.prior_seq then 'repeated'
           when c.seq > c.prior_seq + 1 then 'missing'
           when c.prev_hash is distinct from c.prior_hash then 'link'
           when c.hash is distinct from c.computed then 'content'
         end as fault
       from chain c
     )
     select distinct on (f.org_id) f.org_id::text as "orgId", f.fault, f.id::text as id, f.seq::text as seq,
       to_char(f.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, f.table_name as "table",
       f.prior_seq::text as "priorSeq", null as "headSeq"
     from faults f
     where f.fault is not null
     order by f.org_id, f.seq, f.id`,
    params,
  );
  const ends = await q.query<{
    orgId: string;
    records: number;
    lastSeq: string | null;
    lastMatches: boolean | null;
    headSeq: string | null;
    headHash: string | null;
  }>(
    `with last as (
       select distinct on (a.org_id) a.org_id, a.seq, a.hash from audit_log a where ${ORG}
       order by a.org_id, a.seq desc, a.id desc
     ),
     counts as (select a.org_id, count(*)::int as records from audit_log a where ${ORG} group by a.org_id),
     heads as (select c.org_id, c.seq, c.hash from audit_chain c where ($1::bigint is null or c.org_id = $1::bigint))
     select coalesce(h.org_id, l.org_id)::text as "orgId", coalesce(n.records, 0) as records,
       l.seq::text as "lastSeq", l.hash = h.hash as "lastMatches", h.seq::text as "headSeq",
       encode(h.hash, 'hex') as "headHash"
     from heads h
       full join last l on l.org_id = h.org_id
       left join counts n on n.org_id = coalesce(h.org_id, l.org_id)
     order by coalesce(h.org_id, l.org_id)`,
    params,
  );
  const breaks = new Map<string, AuditBreak>(links.map((b) => [b.orgId, b]));
  const chains: AuditChainHead[] = [];
  for (const end of ends) {
    if (end.headSeq === null || end.headHash === null) {
      if (!breaks.has(end.orgId)) breaks.set(end.orgId, endBreak(end.orgId, 'head', end.lastSeq ?? '0', null));
      continue;
    }
    chains.push({ orgId: end.orgId, records: end.records, seq: end.headSeq, hash: end.headHash });
    const ended = end.lastSeq === null ? end.headSeq === '0' : end.lastSeq === end.headSeq && end.lastMatches === true;
    if (!ended && !breaks.has(end.orgId)) {
      breaks.set(end.orgId, endBreak(end.orgId, 'tail', end.lastSeq ?? '0', end.headSeq));
    }
  }
  return {
    total: ends.reduce((sum, e) => sum + e.records, 0),
    chains,
    breaks: [...breaks.values()].sort((a, b) => Number(BigInt(a.orgId) - BigInt(b.orgId))),
  };
}

function endBreak(orgId: string, fault: 'tail' | 'head', priorSeq: string, headSeq: string | null): AuditBreak {
  return { orgId, fault, id: null, seq: null, at: null, table: null, priorSeq, headSeq };
}
