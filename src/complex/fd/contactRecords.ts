// Contacts as the archive keeps them (ContactRecord with its details), as the API shows them, and
// the making of a new plan's contact list: the history of the plan before, cut where the new
// planning window begins, followed by the new contacts, pieces of one contact joined again.
import type { PlannedContact, PlanningPass } from '../../core/planning/index.ts';
import type { ContactView } from '../api/index.ts';
import type { ContactRecord } from '../archive/index.ts';
import type { Contact } from './ContactSchedule.ts';

export function contactRecordOf(c: Contact): ContactRecord {
  return {
    station: c.station,
    spacecraft: c.spacecraft,
    startMs: c.aosMs,
    endMs: c.losMs,
    details: { maxElevationDeg: c.maxElevationDeg, cut: c.cut, background: c.background },
  };
}

export function contactOf(r: ContactRecord): Contact {
  const d = r.details ?? {};
  return {
    station: r.station,
    spacecraft: r.spacecraft,
    aosMs: r.startMs,
    losMs: r.endMs,
    maxElevationDeg: typeof d['maxElevationDeg'] === 'number' ? d['maxElevationDeg'] : 0,
    cut: d['cut'] === true,
    background: d['background'] === true,
  };
}

export function contactFromPlan(c: PlannedContact<PlanningPass & { readonly maxElevationDeg: number }>): Contact {
  return {
    station: c.station,
    spacecraft: c.spacecraft,
    aosMs: c.startMs,
    losMs: c.endMs,
    maxElevationDeg: c.pass.maxElevationDeg,
    cut: c.cut,
    background: c.background,
  };
}

/**
 * The contacts of a new plan whose planning starts at `fromMs`: those of the previous plan that
 * begin before it (and end after `keepAfterMs`), ending at `fromMs` at the latest, then `next`;
 * a contact cut at `fromMs` and its continuation become one contact again.
 */
export function continuePlan(previous: readonly Contact[], next: readonly Contact[], fromMs: number, keepAfterMs: number): Contact[] {
  const history = previous
    .filter((c) => c.aosMs < fromMs && c.losMs > keepAfterMs)
    .map((c) => (c.losMs > fromMs ? { ...c, losMs: fromMs } : c));
  const out: Contact[] = [];
  const open = new Map<string, Contact>();
  for (const c of history) open.set(`${c.station}\u0000${c.spacecraft}`, c);
  const joined = new Set<Contact>();
  const rest: Contact[] = [];
  for (const c of next) {
    const key = `${c.station}\u0000${c.spacecraft}`;
    const before = open.get(key);
    if (before !== undefined && before.losMs === fromMs && c.aosMs === fromMs) {
      joined.add(before);
      rest.push({
        ...c,
        aosMs: before.aosMs,
        maxElevationDeg: Math.max(before.maxElevationDeg, c.maxElevationDeg),
        cut: before.cut || c.cut,
        background: before.background && c.background,
      });
      open.delete(key);
    } else {
      rest.push(c);
    }
  }
  out.push(...history.filter((c) => !joined.has(c)), ...rest);
  return out.sort((a, b) => a.aosMs - b.aosMs || (a.station < b.station ? -1 : a.station > b.station ? 1 : 0));
}

export function contactViewOf(c: Contact, nowMs: number): ContactView {
  return {
    id: `${c.spacecraft}:${c.station}:${c.aosMs}`,
    spacecraft: c.spacecraft,
    station: c.station,
    aosMs: c.aosMs,
    losMs: c.losMs,
    maxElevationDeg: c.maxElevationDeg,
    state: nowMs >= c.losMs ? 'done' : nowMs >= c.aosMs ? 'active' : 'planned',
  };
}
