// Writes audit records, one append at a time, chained by auditChain. Requests do not wait for
// their audit record (it is written once the reply is sent), so `flush()` resolves when every
// record asked for so far is stored; a record that cannot be stored is reported to `onError`.
import type { Archive, AuditEntry, AuditRecord } from '../archive/index.ts';
import { sealAudit } from './auditChain.ts';

/** An audit entry without its time (the log stamps it with the wall clock). */
export type AuditEvent = Omit<AuditEntry, 'timeMs'>;

export class AuditLog {
  private pending = new Set<Promise<unknown>>();

  constructor(
    private readonly archive: Archive,
    private readonly onError: (error: unknown, event: AuditEvent) => void = () => undefined,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** Appends a record and resolves with it once stored. */
  async append(event: AuditEvent): Promise<AuditRecord> {
    return this.archive.appendAudit({ timeMs: this.nowMs(), ...event }, sealAudit);
  }

  /** Appends a record in the background (errors go to onError). */
  record(event: AuditEvent): void {
    const write = this.append(event).catch((error: unknown) => {
      this.onError(error, event);
    });
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write));
  }

  /** Resolves when every record asked for so far has been written (or has failed). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
