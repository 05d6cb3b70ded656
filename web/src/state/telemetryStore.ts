// Telemetry the operator watches: the parameters of the table (live values from the `parameters`
// topic, one subscription for the whole list) and those plotted, with the live points received
// since the plot's history was fetched.
import type { ParameterValue } from '../api/types.ts';
import { createStore } from './createStore.ts';
import { live } from './live.ts';

/** Parameters shown when a spacecraft is first looked at (its housekeeping essentials). */
export const DEFAULT_WATCH = ['/DEMO/OBC_MODE', '/DEMO/ATT_MODE', '/DEMO/BAT_VOLTAGE', '/DEMO/BAT_SOC', '/DEMO/BAT_CURRENT', '/DEMO/BAT_TEMP_A', '/DEMO/BAT_TEMP_B', '/DEMO/OBC_TEMP', '/DEMO/RATE_X', '/DEMO/STORAGE_USED'];
export const MAX_PLOTTED = 8;
const MAX_LIVE_POINTS = 5000;

export interface TelemetryState {
  /** Full names as archived: /<spacecraft><qualified name>. */
  readonly watched: readonly string[];
  readonly plotted: readonly string[];
  readonly values: ReadonlyMap<string, ParameterValue>;
  /** Live numeric points per plotted name: [unix ms, value]. */
  readonly livePoints: ReadonlyMap<string, readonly (readonly [number, number])[]>;
  readonly problem: string | null;
}

export const telemetryStore = createStore<TelemetryState>({ watched: [], plotted: [], values: new Map(), livePoints: new Map(), problem: null });

export function fullName(spacecraft: string, qualifiedName: string): string {
  return `/${spacecraft}${qualifiedName}`;
}

export function toggleWatched(name: string): void {
  telemetryStore.set((s) => ({
    watched: s.watched.includes(name) ? s.watched.filter((n) => n !== name) : [...s.watched, name],
    plotted: s.watched.includes(name) ? s.plotted.filter((n) => n !== name) : s.plotted,
  }));
}

export function togglePlotted(name: string): void {
  telemetryStore.set((s) => {
    if (s.plotted.includes(name)) return { plotted: s.plotted.filter((n) => n !== name) };
    if (s.plotted.length >= MAX_PLOTTED) return { problem: `at most ${MAX_PLOTTED} parameters are plotted at once; take one off first` };
    return { plotted: [...s.plotted, name], watched: s.watched.includes(name) ? s.watched : [...s.watched, name], problem: null };
  });
}

// Values are applied in batches, at most every FLUSH_MS: at high simulation speed hundreds arrive
// each second, and one render per batch keeps the page responsive.
const FLUSH_MS = 250;
let pending: ParameterValue[] = [];
let flushTimer: ReturnType<typeof setTimeout> | undefined;

function flush(): void {
  flushTimer = undefined;
  const batch = pending;
  pending = [];
  telemetryStore.set((s) => {
    const values = new Map(s.values);
    let livePoints: Map<string, readonly (readonly [number, number])[]> | undefined;
    for (const v of batch) {
      values.set(v.name, v);
      if (!s.plotted.includes(v.name) || typeof v.eng !== 'number') continue;
      livePoints ??= new Map(s.livePoints);
      const list = [...(livePoints.get(v.name) ?? []), [Date.parse(v.generationTime), v.eng] as const];
      livePoints.set(v.name, list.slice(-MAX_LIVE_POINTS));
    }
    return livePoints === undefined ? { values } : { values, livePoints };
  });
}

function onValue(v: ParameterValue): void {
  pending.push(v);
  flushTimer ??= setTimeout(flush, FLUSH_MS);
}

/** Keeps one live subscription to the watched names; returns the stop function. */
export function startTelemetry(): () => void {
  let cancel: (() => void) | undefined;
  let subscribed = '';
  const sync = (): void => {
    const names = [...telemetryStore.get().watched].sort();
    const key = names.join('\n');
    if (key === subscribed) return;
    subscribed = key;
    cancel?.();
    cancel = undefined;
    if (names.length === 0) return;
    cancel = live.subscribe(
      'parameters',
      { names },
      (data) => {
        onValue(data as ParameterValue);
      },
      (message) => {
        telemetryStore.set({ problem: message });
      },
    );
  };
  const unsubscribe = telemetryStore.subscribe(sync);
  sync();
  return () => {
    unsubscribe();
    cancel?.();
    subscribed = '';
  };
}
