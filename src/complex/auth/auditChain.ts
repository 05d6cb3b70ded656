// The hash chain of the audit log: each record's hash is the SHA-256 of its canonical content,
// which includes the hash of the record before it, so that editing, deleting or inserting a record
// breaks the chain from there on. `verifyAuditChain` walks the whole log and names the first break.
import { createHash } from 'node:crypto';
import type { Archive, AuditRecord } from '../archive/index.ts';

export const GENESIS_HASH = '0'.repeat(64);
const DOMAIN = 'zenith-audit-v1';
const PAGE = 1000;

/** The canonical content of a record: its fields in a fixed order as JSON (numbers and strings only). */
export function canonicalAudit(r: Omit<AuditRecord, 'hash'>): string {
  return JSON.stringify([DOMAIN, r.seq, r.timeMs, r.actor, r.address, r.action, r.target, r.outcome, r.status, r.detail, r.prevHash]);
}

/** The hash a record must carry. */
export function sealAudit(r: Omit<AuditRecord, 'hash'>): string {
  return createHash('sha256').update(canonicalAudit(r), 'utf8').digest('hex');
}

export interface AuditVerdict {
  readonly ok: boolean;
  /** Records read. */
  readonly records: number;
  /** The hash of the last good record (GENESIS_HASH for an empty log): note it down to detect truncation later. */
  readonly headHash: string;
  /** The first record that breaks the chain, and why. */
  readonly broken?: { readonly seq: number; readonly reason: string };
}

/** Checks one record against the one before it; undefined when it fits. */
export function auditBreak(record: AuditRecord, expectedSeq: number, previousHash: string): string | undefined {
  if (record.seq !== expectedSeq) {
    return record.seq > expectedSeq
      ? `expected record ${expectedSeq} next, found ${record.seq}: ${record.seq - expectedSeq} record(s) missing`
      : `expected record ${expectedSeq} next, found ${record.seq} again`;
  }
  if (record.prevHash !== previousHash) return `expected the hash of record ${expectedSeq - 1} (${previousHash.slice(0, 16)}...) as its previous hash, found ${record.prevHash.slice(0, 16)}...: a record before it was changed, removed or inserted`;
  const { hash, ...content } = record;
  const actual = sealAudit(content);
  if (hash !== actual) return `expected hash ${actual.slice(0, 16)}... of its content, found ${hash.slice(0, 16)}...: the record was edited`;
  return undefined;
}

/**
 * Walks the whole audit log in order. With `noted`, a head hash noted down earlier, the log must
 * also still contain a record with that hash (else it was cut short or rewritten).
 */
export async function verifyAuditChain(archive: Archive, noted?: string): Promise<AuditVerdict> {
  let seen = noted === undefined;
  let expectedSeq = 1;
  let previous = GENESIS_HASH;
  let records = 0;
  for (;;) {
    const page = await archive.auditRecords(expectedSeq - 1, PAGE);
    // A gap at the very start of a page is found by asking from the last good seq.
    for (const record of page) {
      records++;
      const reason = auditBreak(record, expectedSeq, previous);
      if (reason !== undefined) return { ok: false, records, headHash: previous, broken: { seq: record.seq, reason } };
      previous = record.hash;
      if (record.hash === noted) seen = true;
      expectedSeq++;
    }
    if (page.length < PAGE) {
      if (!seen) return { ok: false, records, headHash: previous, broken: { seq: expectedSeq, reason: `expected a record with the noted head hash ${String(noted).slice(0, 16)}..., found none: records were removed from the end or the log was rewritten` } };
      return { ok: true, records, headHash: previous };
    }
  }
}
