// The station-link seam for telemetry (DESIGN.md, "Seams are narrow interfaces"): a link takes TM
// transfer frames off a transport, tags each with its station, spacecraft and ground receipt time,
// and hands it to a sink that resolves once the frame is durably stored.
import type { FrameRecord } from '../archive/index.ts';
import type { Service } from '../runtime/index.ts';

/**
 * ok: frames can arrive (a sender is connected, or datagrams came lately); unavailable: enabled
 * but nobody is sending; disabled: switched off by an operator; failed: the transport could not
 * be opened (see `statusDetail`).
 */
export type LinkStatus = 'ok' | 'unavailable' | 'disabled' | 'failed';
export const LINK_STATUSES: readonly LinkStatus[] = ['ok', 'unavailable', 'disabled', 'failed'];

export interface LinkCounters {
  /** Frames taken off the transport. */
  framesReceived: number;
  octetsReceived: number;
  /** Frames the sink reported durably stored (for acknowledged TCP, the frames acknowledged). */
  framesStored: number;
  /** Frames the sink could not store (refused as invalid, or the archive failed). */
  framesRefused: number;
  /** Frames dropped at the link: malformed, too long, or arriving while overloaded (UDP). */
  framesDropped: number;
  /** Broken protocol messages; a TCP connection is closed after one. */
  protocolErrors: number;
  /** TCP connections accepted since start. */
  connections: number;
  /** Ground receipt time of the last frame, null before the first. */
  lastFrameMs: number | null;
}

export function zeroLinkCounters(): LinkCounters {
  return {
    framesReceived: 0,
    octetsReceived: 0,
    framesStored: 0,
    framesRefused: 0,
    framesDropped: 0,
    protocolErrors: 0,
    connections: 0,
    lastFrameMs: null,
  };
}

/** Where links deliver frames: the telemetry pipeline's frame store. */
export interface TmFrameSink {
  /**
   * Resolves once the frame is durably stored (an archive commit); only then may it be
   * acknowledged to the sender. Rejects with a ZenithError: code ARCHIVE_INPUT when the frame was
   * refused as invalid (sending it again will not help), any other code when storing failed.
   */
  accept(frame: FrameRecord): Promise<void>;
}

export type LinkStatusListener = (status: LinkStatus, detail: string) => void;
/** Told of what went wrong on a link without changing its status (a malformed message, ...). */
export type LinkProblemListener = (message: string) => void;

/** A snapshot for the API and the counters page. */
export interface LinkInfo {
  readonly name: string;
  readonly transport: 'tcp' | 'udp';
  readonly station: string;
  /** The spacecraft the link is tagged with; undefined when it is resolved from each frame's SCID. */
  readonly spacecraft: string | undefined;
  readonly status: LinkStatus;
  readonly statusDetail: string;
  readonly counters: Readonly<LinkCounters>;
}

export interface TmFrameLink extends Service {
  readonly name: string;
  readonly transport: 'tcp' | 'udp';
  readonly station: string;
  readonly spacecraft: string | undefined;
  /** Sets where frames go; must be called before `start`. */
  attach(sink: TmFrameSink): void;
  status(): LinkStatus;
  /** Why the link has its status (the error of a failed link, who is connected, ...). */
  statusDetail(): string;
  counters(): Readonly<LinkCounters>;
  info(): LinkInfo;
  /** Stops taking frames (closes the transport) until `enable`; the status becomes 'disabled'. */
  disable(): Promise<void>;
  enable(): Promise<void>;
  /** Called on every status change. */
  onStatus(listener: LinkStatusListener): void;
  onProblem(listener: LinkProblemListener): void;
  /** The bound address once started (port 0 in the options picks a free port). */
  address(): { readonly host: string; readonly port: number } | undefined;
}
