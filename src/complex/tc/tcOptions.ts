// How the command pipeline is set up: per spacecraft, the mission database, the identifiers of
// its command channel and how its PUS reports look; for all, the uplinks by station, the contact
// source, and how long each verification stage may take.
import type { MetaCommand, MissionDatabase } from '../../core/mdb/index.ts';
import type { Archive } from '../archive/index.ts';
import type { Bus } from '../bus/index.ts';
import type { TcCltuLink } from '../links/index.ts';
import type { Clock } from '../runtime/index.ts';
import type { ContactSource } from './ContactSource.ts';
import type { ParameterVerifier } from './parameterVerifier.ts';
import type { PusTmLayout } from './pus1Report.ts';
import type { FrameOptions, PacketOptions } from './uplinkEncoding.ts';

export interface TcSpacecraft extends PacketOptions, Omit<FrameOptions, 'scid'> {
  readonly name: string;
  /** The CCSDS spacecraft identifier (the mission's `spacecraftId`). */
  readonly spacecraftId: number;
  readonly mdb: MissionDatabase;
  /** APID given to commands whose database definition leaves an argument `apid` open. */
  readonly apid?: number;
  /** Where this spacecraft's PUS TM packets keep their fields (service 1 reports). */
  readonly pus?: PusTmLayout;
  /**
   * Await only the service 1 reports a command asks for in its PUS-C acknowledgement flags
   * (ECSS-E-ST-70-41C §7.4.4.1; the low four bits of octet 6: 1 acceptance, 8 completion).
   * Default false: acceptance and execution are awaited for every command.
   */
  readonly pusAckFlags?: boolean;
}

/**
 * How long each stage may take, counted from the moment the CLTU was sent (ms of the complex's
 * clock). A stage that has not arrived by then becomes `timeout`. `null` means the stage is not
 * verified for these commands (say, no PUS service 1 on board).
 */
export interface StageTimeouts {
  readonly groundAckMs?: number | null;
  readonly acceptanceMs?: number | null;
  readonly executionMs?: number | null;
}

export const DEFAULT_TIMEOUTS: Readonly<Required<StageTimeouts>> = { groundAckMs: 10_000, acceptanceMs: 30_000, executionMs: 120_000 };

export interface CommandServiceOptions {
  readonly archive: Archive;
  /** Command updates are published on `tc.command`; TM packets are read from `tmPacketSubject`. */
  readonly bus?: Bus;
  readonly clock: Clock;
  readonly contacts: ContactSource;
  readonly spacecraft: readonly TcSpacecraft[];
  /** One uplink per station (its `station`). */
  readonly links: readonly TcCltuLink[];
  readonly timeouts?: StageTimeouts;
  /** Per command (qualified name), over `timeouts`. */
  readonly commandTimeouts?: Readonly<Record<string, StageTimeouts>>;
  /** Commands needing approval before release, by qualified name, beside any `critical` says. */
  readonly criticalCommands?: readonly string[];
  /**
   * Decides which commands are critical beside the list above (default: those whose XTCE
   * DefaultSignificance is `critical` or `forbidden`).
   */
  readonly critical?: (command: MetaCommand, spacecraft: string) => boolean;
  /**
   * Subject prefix of TM space packets (one packet per message, raw octets) for verification:
   * `<prefix>.<spacecraft>`; default `tm.packet`; null to feed `handleTmPacket` directly.
   */
  readonly tmPacketSubject?: string | null;
  /** How far back to look for unfinished commands on start (default 7 days). */
  readonly recoveryWindowMs?: number;
  /** A next-contact command with no contact planned looks again after this long (default 60 000). */
  readonly contactRecheckMs?: number;
  /** Parameter verifiers per command (qualified name): XTCE-style stages decided by telemetry values. */
  readonly verifiers?: Readonly<Record<string, readonly ParameterVerifier[]>>;
  /** Subject prefix of decoded parameter messages (`<prefix>.<spacecraft>`, default `tm.param`); null: call `handleParameters`. */
  readonly tmParamSubject?: string | null;
  /** Where background failures (an archive write that failed) are reported; default stderr. */
  readonly onError?: (error: unknown) => void;
}
