// The station-link seam for commands (DESIGN.md, "Seams are narrow interfaces"): an uplink takes
// CLTUs from the command pipeline to one station's front-end and reports the station's ground
// acknowledgement of each. Telemetry links (TmFrameLink.ts) are the other direction.
import type { Service } from '../runtime/index.ts';
import type { LinkStatus, LinkStatusListener } from './TmFrameLink.ts';

/** What the station said about one CLTU. */
export type GroundAck =
  | { readonly ok: true; readonly timeMs: number }
  | { readonly ok: false; readonly timeMs: number; readonly reason: string };

/** One CLTU handed to the transport. */
export interface CltuTransmission {
  /** The link's counter carried to the station and back in its acknowledgement. */
  readonly sequence: number;
  /** When the CLTU was handed to the transport (the complex's clock). */
  readonly sentTimeMs: number;
  /**
   * Settles once the station answers, or with ok false when the connection drops first. It never
   * rejects; how long to wait for it is the caller's choice.
   */
  readonly acknowledged: Promise<GroundAck>;
}

export interface TcLinkCounters {
  cltusSent: number;
  octetsSent: number;
  acknowledged: number;
  refused: number;
  /** CLTUs whose connection closed before the station answered. */
  unanswered: number;
  connections: number;
  /** Time of the last CLTU sent, null before the first. */
  lastSentMs: number | null;
}

export function zeroTcLinkCounters(): TcLinkCounters {
  return { cltusSent: 0, octetsSent: 0, acknowledged: 0, refused: 0, unanswered: 0, connections: 0, lastSentMs: null };
}

export interface TcLinkInfo {
  readonly name: string;
  readonly transport: 'tcp';
  readonly direction: 'uplink';
  readonly station: string;
  readonly status: LinkStatus;
  readonly statusDetail: string;
  readonly counters: Readonly<TcLinkCounters>;
}

export interface TcCltuLink extends Service {
  readonly name: string;
  readonly station: string;
  /** ok: connected to the station front-end and able to send. */
  status(): LinkStatus;
  statusDetail(): string;
  counters(): Readonly<TcLinkCounters>;
  info(): TcLinkInfo;
  /**
   * Writes one CLTU. Resolves once the octets are handed to the operating system (they may be on
   * their way to the station); rejects with a ZenithError TC_LINK_DOWN, having written nothing,
   * when the link cannot send now.
   */
  send(cltu: Uint8Array): Promise<CltuTransmission>;
  disable(): Promise<void>;
  enable(): Promise<void>;
  onStatus(listener: LinkStatusListener): void;
}
