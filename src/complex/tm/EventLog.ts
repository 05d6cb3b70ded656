// Events of the telemetry pipeline (link status changes, protocol errors, alarms raised and
// cleared): stored in group-committed batches, then published on `event.<source>` in the
// archive's EventRecord shape. Each source numbers its events, which with the time is their key.
import type { Archive, EventRecord, Severity } from '../archive/index.ts';
import type { Bus } from '../bus/index.ts';
import { toJson } from '../bus/index.ts';
import type { Clock } from '../runtime/index.ts';
import { BatchWriter } from './BatchWriter.ts';
import { eventSubject } from './subjects.ts';

export class EventLog {
  private readonly writer: BatchWriter<EventRecord>;
  private readonly sequences = new Map<string, number>();
  /** Events that could not be stored (they are still published). */
  failures = 0;

  constructor(
    private readonly archive: Archive,
    private readonly bus: Bus,
    private readonly clock: Clock,
  ) {
    this.writer = new BatchWriter((batch) => this.archive.storeEvents(batch).then(() => undefined), 200);
  }

  emit(source: string, severity: Severity, type: string, message: string, timeMs = this.clock.nowMs()): void {
    const sequence = this.sequences.get(source) ?? 0;
    this.sequences.set(source, sequence + 1);
    const event: EventRecord = { source, sequence, timeMs, severity, type, message };
    const publish = (): void => {
      this.bus.publish(eventSubject(source), toJson(event));
    };
    this.writer.add([event]).then(publish, () => {
      this.failures++;
      publish();
    });
  }

  idle(): Promise<void> {
    return this.writer.idle();
  }
}
