// Turns monitoring states into alarms that latch (DESIGN.md, operator conventions): a value out of
// limits raises an alarm; it stays until an operator acknowledges it AND the value is back within
// limits, in either order. Acknowledging while still violated leaves it active-acknowledged;
// returning to normal first leaves it cleared but shown until acknowledged. Only changes reach the
// archive, one at a time in arrival order, so the common case (a normal value) costs no I/O.
import type { AlarmAcknowledgement, AlarmRecord, AlarmSeverity, Archive, MonitoringState, ParameterValue } from '../archive/index.ts';
import type { AlarmMessage } from './messages.ts';

interface Entry {
  readonly subject: string;
  readonly spacecraft: string | null;
  /** Known once the raise is stored. */
  id: number | undefined;
  severity: AlarmSeverity;
  acknowledged: boolean;
  cleared: boolean;
}

export type AlarmListener = (alarm: AlarmRecord, spacecraft: string | null, change: AlarmMessage['change']) => void;

export interface AlarmManagerOptions {
  readonly archive: Archive;
  /** Called after each change is stored. */
  readonly onChange: AlarmListener;
  /** Called when the archive refuses a change (the alarm state in memory stays as observed). */
  readonly onError: (error: unknown) => void;
  /** The spacecraft of an alarm's subject, for alarms loaded at start. */
  readonly spacecraftOf?: (subject: string) => string | null;
}

export class AlarmManager {
  private readonly bySubject = new Map<string, Entry>();
  private readonly byId = new Map<number, Entry>();
  private chain: Promise<void> = Promise.resolve();
  private pendingOps = 0;

  constructor(private readonly options: AlarmManagerOptions) {}

  /** Alarms not closed (raised, acknowledged or cleared), by subject. */
  get activeCount(): number {
    return this.bySubject.size;
  }

  /** Takes over the alarms still shown in the archive (after a restart). */
  async load(): Promise<void> {
    const open = await this.options.archive.alarms({ activeOnly: true, limit: 100_000 });
    for (const a of open) {
      const entry: Entry = {
        subject: a.subject,
        spacecraft: this.options.spacecraftOf?.(a.subject) ?? null,
        id: a.id,
        severity: a.severity,
        acknowledged: a.acknowledged !== undefined,
        cleared: a.clearedMs !== undefined,
      };
      // Several open alarms of one subject cannot come from this manager; keep the latest.
      const seen = this.bySubject.get(a.subject);
      if (seen?.id !== undefined) this.byId.delete(seen.id);
      this.bySubject.set(a.subject, entry);
      this.byId.set(a.id, entry);
    }
  }

  /**
   * One monitored value. `state` null (no limits) is ignored; `limit` is the bound crossed, for
   * the record. Synchronous: the archive work is queued.
   */
  observe(subject: string, spacecraft: string | null, state: MonitoringState | null, value: ParameterValue | null, limit: ParameterValue | null, timeMs: number): void {
    if (state === null) return;
    const entry = this.bySubject.get(subject);
    if (state === 'normal') {
      if (entry === undefined || entry.cleared) return;
      entry.cleared = true;
      if (entry.acknowledged) this.forget(entry);
      this.enqueue(async () => {
        const id = entry.id;
        if (id === undefined) return; // the raise failed
        this.options.onChange(await this.options.archive.clearAlarm(id, timeMs), entry.spacecraft, 'cleared');
      });
      return;
    }
    if (entry === undefined) {
      const fresh: Entry = { subject, spacecraft, id: undefined, severity: state, acknowledged: false, cleared: false };
      this.bySubject.set(subject, fresh);
      this.enqueue(async () => {
        const record = await this.options.archive.raiseAlarm({ subject, raisedMs: timeMs, severity: state, value, limit });
        fresh.id = record.id;
        if (this.bySubject.get(subject) === fresh) this.byId.set(record.id, fresh);
        fresh.acknowledged = record.acknowledged !== undefined;
        this.options.onChange(record, spacecraft, 'raised');
      });
      return;
    }
    if (!entry.cleared && entry.severity === state) return;
    entry.severity = state;
    entry.cleared = false;
    this.enqueue(async () => {
      const id = entry.id;
      if (id === undefined) return;
      this.options.onChange(await this.options.archive.updateAlarm(id, { timeMs, severity: state, value }), entry.spacecraft, 'updated');
    });
  }

  /** An operator's acknowledgement; the alarm closes if its condition has already cleared. */
  acknowledge(id: number, acknowledgement: AlarmAcknowledgement): Promise<AlarmRecord> {
    // In the queue like every change, so it cannot overtake the raise it acknowledges.
    const run = this.chain.then(async () => {
      const record = await this.options.archive.acknowledgeAlarm(id, acknowledgement);
      const entry = this.byId.get(id);
      if (entry !== undefined) {
        entry.acknowledged = true;
        if (entry.cleared || record.clearedMs !== undefined) this.forget(entry);
      }
      this.options.onChange(record, entry?.spacecraft ?? this.options.spacecraftOf?.(record.subject) ?? null, 'acknowledged');
      return record;
    });
    this.pendingOps++;
    // The caller gets the error (an unknown id is not a failure of the pipeline).
    this.chain = run.then(
      () => undefined,
      () => undefined,
    );
    void this.chain.finally(() => {
      this.pendingOps--;
    });
    return run;
  }

  /** Resolves once every change observed so far is stored. */
  async idle(): Promise<void> {
    while (this.pendingOps > 0) await this.chain;
  }

  private forget(entry: Entry): void {
    if (this.bySubject.get(entry.subject) === entry) this.bySubject.delete(entry.subject);
    if (entry.id !== undefined && this.byId.get(entry.id) === entry) this.byId.delete(entry.id);
  }

  private enqueue(op: () => Promise<void>): void {
    this.pendingOps++;
    this.chain = this.chain
      .then(op)
      .catch((error: unknown) => {
        this.options.onError(error);
      })
      .finally(() => {
        this.pendingOps--;
      });
  }
}
