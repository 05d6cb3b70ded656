// Half-open time intervals [startMs, endMs) for the planner: what is left of a window once the
// busy times of a station are taken out, and a sorted busy list to add to.

export interface Interval {
  readonly startMs: number;
  readonly endMs: number;
}

/** The parts of `window` outside every interval of `busy` (sorted by start, not overlapping), in order. */
export function freePieces(window: Interval, busy: readonly Interval[]): Interval[] {
  const pieces: Interval[] = [];
  let cursor = window.startMs;
  for (const b of busy) {
    if (b.endMs <= cursor) continue;
    if (b.startMs >= window.endMs) break;
    if (b.startMs > cursor) pieces.push({ startMs: cursor, endMs: b.startMs });
    cursor = Math.max(cursor, b.endMs);
    if (cursor >= window.endMs) break;
  }
  if (cursor < window.endMs) pieces.push({ startMs: cursor, endMs: window.endMs });
  return pieces;
}

/** Adds `piece` (overlapping nothing in `busy`) to the sorted list `busy`, keeping it sorted. */
export function insertBusy(busy: Interval[], piece: Interval): void {
  let i = busy.length;
  while (i > 0 && (busy[i - 1]?.startMs ?? -Infinity) > piece.startMs) i--;
  busy.splice(i, 0, piece);
}
