// The global clock's instant for React text (header, countdowns), refreshed a few times a second;
// drawings read clock.nowMs() themselves in their animation frames.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { clock } from './GlobalClock.ts';
import type { ClockState } from './GlobalClock.ts';

export function useNow(periodMs = 250): number {
  const [now, setNow] = useState(() => clock.nowMs());
  const state = useClockState();
  useEffect(() => {
    setNow(clock.nowMs());
    const timer = setInterval(() => {
      setNow(clock.nowMs());
    }, periodMs);
    return () => {
      clearInterval(timer);
    };
  }, [periodMs, state]);
  return now;
}

export function useClockState(): ClockState {
  return useSyncExternalStore(
    (l) => clock.subscribe(l),
    () => clock.state(),
  );
}
