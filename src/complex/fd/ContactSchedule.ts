// The contact plan in force, in memory, for the questions asked many times a second: which
// spacecraft a station's antenna follows now, which station is in contact with a spacecraft now,
// and when its next contact begins. Answers are synchronous; the archive keeps the same plan.

/** A planned contact; [aosMs, losMs) in ms of UTC. Has the shape of the command pipeline's `Contact`. */
export interface Contact {
  readonly station: string;
  readonly spacecraft: string;
  readonly aosMs: number;
  readonly losMs: number;
  readonly maxElevationDeg: number;
  /** Shorter than its pass: another spacecraft had the station for the rest of it. */
  readonly cut: boolean;
  /** A background spacecraft filling time nobody else needed. */
  readonly background: boolean;
}

export class ContactSchedule {
  /** By start, then station. */
  readonly contacts: readonly Contact[];
  readonly #byStation = new Map<string, Contact[]>();
  readonly #bySpacecraft = new Map<string, Contact[]>();

  constructor(contacts: readonly Contact[]) {
    this.contacts = [...contacts].sort((a, b) => a.aosMs - b.aosMs || (a.station < b.station ? -1 : a.station > b.station ? 1 : 0));
    for (const c of this.contacts) {
      if (!(c.losMs > c.aosMs)) throw new RangeError(`contact ${c.station}/${c.spacecraft}: losMs must be after aosMs, found ${c.aosMs}..${c.losMs}`);
      push(this.#byStation, c.station, c);
      push(this.#bySpacecraft, c.spacecraft, c);
    }
  }

  /** The spacecraft `station`'s antenna follows at `atMs`, if any. */
  assignment(station: string, atMs: number): string | undefined {
    return this.contactAt(station, atMs)?.spacecraft;
  }

  /** The contact of `station` in progress at `atMs`. */
  contactAt(station: string, atMs: number): Contact | undefined {
    return this.#byStation.get(station)?.find((c) => c.aosMs <= atMs && atMs < c.losMs);
  }

  /** The contact with `spacecraft` in progress at `atMs`; with several stations, the one that lasts longest from now. */
  currentContact(spacecraft: string, atMs: number): Contact | undefined {
    let best: Contact | undefined;
    for (const c of this.#bySpacecraft.get(spacecraft) ?? []) {
      if (c.aosMs > atMs) break;
      if (atMs < c.losMs && (best === undefined || c.losMs > best.losMs)) best = c;
    }
    return best;
  }

  /** The first contact with `spacecraft` that begins strictly after `afterMs`. */
  nextContact(spacecraft: string, afterMs: number): Contact | undefined {
    return this.#bySpacecraft.get(spacecraft)?.find((c) => c.aosMs > afterMs);
  }

  /** The times in (afterMs, uptoMs] at which a contact of `station` begins or ends, in order. */
  boundaries(station: string, afterMs: number, uptoMs: number): number[] {
    const times = new Set<number>();
    for (const c of this.#byStation.get(station) ?? []) {
      if (c.aosMs > uptoMs) break;
      if (c.aosMs > afterMs) times.add(c.aosMs);
      if (c.losMs > afterMs && c.losMs <= uptoMs) times.add(c.losMs);
    }
    return [...times].sort((a, b) => a - b);
  }

  /** The first time after `afterMs` at which any contact begins or ends (Infinity when none). */
  nextBoundary(afterMs: number): number {
    let next = Number.POSITIVE_INFINITY;
    for (const c of this.contacts) {
      if (c.aosMs > afterMs && c.aosMs < next) next = c.aosMs;
      if (c.losMs > afterMs && c.losMs < next) next = c.losMs;
    }
    return next;
  }
}

function push(map: Map<string, Contact[]>, key: string, c: Contact): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [c]);
  else list.push(c);
}
