// The events log: the last day's events, then each new one from the `events` topic (newest first,
// at most MAX_EVENTS kept).
import { api } from '../api/http.ts';
import type { ZenithEvent } from '../api/types.ts';
import { createStore } from './createStore.ts';
import { live } from './live.ts';

export const MAX_EVENTS = 5000;

export interface EventsState {
  readonly events: readonly ZenithEvent[];
  readonly loaded: boolean;
}

export const eventsStore = createStore<EventsState>({ events: [], loaded: false });

// New events are applied in batches (at most every FLUSH_MS) so that a burst renders once.
const FLUSH_MS = 250;
let pending: ZenithEvent[] = [];
let flushTimer: ReturnType<typeof setTimeout> | undefined;

function flush(): void {
  flushTimer = undefined;
  const batch = pending;
  pending = [];
  eventsStore.set((s) => {
    const seen = new Set(s.events.map((x) => x.id));
    const fresh = batch.filter((e) => !seen.has(e.id)).reverse();
    return fresh.length === 0 ? {} : { events: [...fresh, ...s.events].slice(0, MAX_EVENTS) };
  });
}

export function startEvents(): () => void {
  const cancel = live.subscribe('events', {}, (data) => {
    pending.push(data as ZenithEvent);
    flushTimer ??= setTimeout(flush, FLUSH_MS);
  });
  api<ZenithEvent[]>('/api/events?limit=2000').then(
    (list) => {
      eventsStore.set((s) => {
        const seen = new Set(s.events.map((e) => e.id));
        const older = list.filter((e) => !seen.has(e.id)).reverse();
        return { events: [...s.events, ...older].slice(0, MAX_EVENTS), loaded: true };
      });
    },
    () => {
      eventsStore.set({ loaded: true });
    },
  );
  return cancel;
}
