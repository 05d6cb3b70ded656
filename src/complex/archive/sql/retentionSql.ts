// Retention by age, one kind at a time. What an operator still needs is kept whatever its age:
// alarms not both acknowledged and cleared, the newest element set of each object, the latest
// contact plan, and the latest value of each parameter (a separate table).
import type { RetentionKind } from '../index.ts';
import type { SqlDriver } from './SqlDriver.ts';

const STATEMENTS: Readonly<Record<RetentionKind, readonly string[]>> = {
  frames: ['DELETE FROM frames WHERE reception_ms < ?'],
  parameters: ['DELETE FROM parameter_values WHERE gen_ms < ?'],
  events: ['DELETE FROM events WHERE time_ms < ?'],
  alarms: ['DELETE FROM alarms WHERE raised_ms < ? AND ack_ms IS NOT NULL AND cleared_ms IS NOT NULL'],
  commands: [
    'DELETE FROM command_stages WHERE command_id IN (SELECT id FROM commands WHERE queued_ms < ?)',
    'DELETE FROM commands WHERE queued_ms < ?',
  ],
  elementSets: [
    `DELETE FROM element_sets WHERE epoch_ms < ?
       AND epoch_ms < (SELECT max(m.epoch_ms) FROM element_sets m WHERE m.catalog_id = element_sets.catalog_id)`,
  ],
  passes: ['DELETE FROM passes WHERE los_ms < ?'],
  contactPlans: [
    `DELETE FROM contacts WHERE plan_id IN (SELECT id FROM contact_plans WHERE created_ms < ?
       AND created_ms < (SELECT max(created_ms) FROM contact_plans))`,
    'DELETE FROM contact_plans WHERE created_ms < ? AND created_ms < (SELECT max(p.created_ms) FROM contact_plans p)',
  ],
};

/** Deletes in one transaction; resolves with the records of the kind that went (not their parts). */
export function deleteOlder(db: SqlDriver, kind: RetentionKind, beforeMs: number): Promise<number> {
  return db.transaction(async (tx) => {
    let last = 0;
    for (const sql of STATEMENTS[kind]) last = await tx.run(sql, [beforeMs]);
    return last;
  });
}
