// What the command pipeline needs from flight dynamics: which station is in contact with a
// spacecraft now, and when the next contact begins. The flight-dynamics service implements it
// from its contact plan; WindowContactSource serves a fixed list of windows (tests, simple set-ups).

export interface Contact {
  readonly station: string;
  readonly spacecraft: string;
  /** Acquisition and loss of signal, ms of UTC since 1970: the contact is [aosMs, losMs). */
  readonly aosMs: number;
  readonly losMs: number;
}

export interface ContactSource {
  /** The contact in progress at `atMs`; with several, the one the plan prefers (first listed). */
  currentContact(spacecraft: string, atMs: number): Contact | undefined;
  /** The first contact that begins after `afterMs` (strictly). */
  nextContact(spacecraft: string, afterMs: number): Contact | undefined;
}

/** Contacts from a list of windows; a window with losMs = Infinity is a permanent contact (GEO). */
export class WindowContactSource implements ContactSource {
  private readonly windows: Contact[];

  constructor(windows: readonly Contact[]) {
    for (const w of windows) {
      if (!(w.losMs > w.aosMs)) throw new RangeError(`contact ${w.station}/${w.spacecraft}: losMs must be after aosMs, got ${w.aosMs}..${w.losMs}`);
    }
    this.windows = [...windows];
  }

  currentContact(spacecraft: string, atMs: number): Contact | undefined {
    return this.windows.find((w) => w.spacecraft === spacecraft && w.aosMs <= atMs && atMs < w.losMs);
  }

  nextContact(spacecraft: string, afterMs: number): Contact | undefined {
    let best: Contact | undefined;
    for (const w of this.windows) {
      if (w.spacecraft === spacecraft && w.aosMs > afterMs && (best === undefined || w.aosMs < best.aosMs)) best = w;
    }
    return best;
  }

  /** Replaces the windows (a new plan). */
  replace(windows: readonly Contact[]): void {
    this.windows.splice(0, this.windows.length, ...new WindowContactSource(windows).windows);
  }
}
