// Alarms as the complex keeps them: loaded once, then every change from the `alarms` topic. An
// alarm stays flagged (raised or cleared) until someone acknowledges it.
import { api } from '../api/http.ts';
import type { Alarm } from '../api/types.ts';
import { createStore } from './createStore.ts';
import { live } from './live.ts';

export interface AlarmsState {
  readonly alarms: readonly Alarm[];
  readonly loaded: boolean;
  readonly error: string | null;
}

export const alarmsStore = createStore<AlarmsState>({ alarms: [], loaded: false, error: null });

/** Raised or cleared, not acknowledged: what needs an operator. */
export function needsAcknowledgement(a: Alarm): boolean {
  return a.state === 'raised' || a.state === 'cleared';
}

/** Puts an alarm in the list unless the list holds a later view of it (a REST answer can arrive after the WebSocket's newer change). */
function upsert(incoming: Alarm): void {
  alarmsStore.set((s) => {
    const current = s.alarms.find((a) => a.id === incoming.id);
    const alarm = current !== undefined && Date.parse(current.updatedAt) > Date.parse(incoming.updatedAt) ? current : incoming;
    const rest = s.alarms.filter((a) => a.id !== alarm.id);
    return { alarms: [alarm, ...rest].sort((a, b) => b.raisedAt.localeCompare(a.raisedAt) || b.id - a.id) };
  });
}

export async function acknowledgeAlarm(id: number, comment: string): Promise<void> {
  const updated = await api<Alarm>(`/api/alarms/${id}/acknowledge`, { method: 'POST', body: comment === '' ? {} : { comment } });
  upsert(updated);
}

export function startAlarms(): () => void {
  const cancel = live.subscribe('alarms', {}, (data) => {
    upsert(data as Alarm);
  });
  api<Alarm[]>('/api/alarms?state=all&limit=500').then(
    (list) => {
      alarmsStore.set((s) => {
        const byId = new Map(list.map((a) => [a.id, a]));
        // A live change that came before the list is newer than the list's copy.
        for (const a of s.alarms) byId.set(a.id, a);
        return { alarms: [...byId.values()].sort((a, b) => b.raisedAt.localeCompare(a.raisedAt) || b.id - a.id), loaded: true, error: null };
      });
    },
    (error: unknown) => {
      alarmsStore.set({ loaded: true, error: String(error) });
    },
  );
  return cancel;
}
