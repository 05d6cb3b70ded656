// The fleet, the stations and the contact plan around the global clock: loaded at start, stations
// refreshed for their link status, contacts again when the clock leaves the window fetched.
import { api, query } from '../api/http.ts';
import type { ClockReading, Contact, Spacecraft, Station } from '../api/types.ts';
import { app } from './appStore.ts';
import { clock } from './GlobalClock.ts';
import { live } from './live.ts';

const HOUR = 3_600_000;
const BEFORE_MS = 6 * HOUR;
const AFTER_MS = 24 * HOUR;
const REFRESH_REAL_MS = 30_000;

let window: { fromMs: number; toMs: number; fetchedAt: number } | undefined;
let loading = false;

async function loadContacts(): Promise<void> {
  if (loading) return;
  loading = true;
  const now = clock.nowMs();
  try {
    const fromMs = now - BEFORE_MS;
    const toMs = now + AFTER_MS;
    const contacts = await api<Contact[]>(`/api/contacts${query({ from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() })}`);
    window = { fromMs, toMs, fetchedAt: performance.now() };
    app.set({ contacts });
  } finally {
    loading = false;
  }
}

function contactsStale(): boolean {
  if (window === undefined) return true;
  const now = clock.nowMs();
  return now < window.fromMs + HOUR || now > window.toMs - 12 * HOUR || performance.now() - window.fetchedAt > REFRESH_REAL_MS;
}

/** Loads the mission; resolves once the fleet is there. Returns a stop function. */
export async function startMission(): Promise<() => void> {
  const reading = await api<ClockReading>('/api/clock');
  clock.onServerReading(reading.time, reading.speed);
  const cancelClock = live.subscribe('clock', {}, (data) => {
    const r = data as ClockReading;
    clock.onServerReading(r.time, r.speed);
  });
  const [fleet, stations] = await Promise.all([api<Spacecraft[]>('/api/spacecraft'), api<Station[]>('/api/stations')]);
  app.set((s) => ({ fleet, stations, spacecraft: s.spacecraft ?? fleet[0]?.name ?? null }));
  await loadContacts();
  const timer = setInterval(() => {
    if (contactsStale()) loadContacts().catch(() => undefined);
    api<Station[]>('/api/stations').then(
      (list) => {
        app.set({ stations: list });
      },
      () => undefined,
    );
  }, 5000);
  const unsubscribeClock = clock.subscribe(() => {
    if (contactsStale()) loadContacts().catch(() => undefined);
  });
  return () => {
    clearInterval(timer);
    cancelClock();
    unsubscribeClock();
  };
}
