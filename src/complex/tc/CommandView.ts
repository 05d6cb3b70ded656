// A command as operators and the API see it (docs/api.md, `Command`): the archive's record with
// times as ISO-8601 UTC, the release as asked, the stages under their API names and one overall
// state worked out from the stages. This is also what travels on the bus subject `tc.command`.
import { formatIsoUtc } from '../../core/time/index.ts';
import type { CommandRecord, CommandStage, StageStatus } from '../archive/index.ts';

export type ReleaseRequestMode = 'now' | 'at' | 'next-contact';

export type CommandState =
  | 'awaiting-approval'
  | 'queued'
  | 'released'
  | 'sending'
  | 'sent'
  | 'completed'
  | 'failed'
  | 'timeout'
  | 'cancelled';

export interface CommandStageView {
  readonly stage: string;
  readonly status: StageStatus;
  readonly time: string;
  readonly message?: string;
}

export interface CommandView {
  readonly id: string;
  readonly name: string;
  readonly spacecraft: string;
  readonly arguments: Readonly<Record<string, unknown>>;
  readonly critical: boolean;
  readonly queuedBy: string;
  readonly queuedAt: string;
  readonly release: { readonly mode: ReleaseRequestMode; readonly time?: string };
  readonly state: CommandState;
  /** The encoded telecommand packet in hexadecimal, as it goes (or went) up. */
  readonly binary?: string;
  readonly stages: readonly CommandStageView[];
}

/** Archive stage name -> API stage name (the archive orders its own names first). */
const API_STAGE: Readonly<Record<string, string>> = { 'onboard-acceptance': 'acceptance' };

/** Stages a critical command passes through before release (issue 7 adds who may approve). */
export const APPROVAL_STAGE = 'approval';
/** Recorded when a PUS TM[1,3]/[1,4] start report arrives. */
export const START_STAGE = 'start';

/** The order stages are shown in: the path of a command, then any others (XTCE verifiers) by time. */
const STAGE_ORDER = ['queued', APPROVAL_STAGE, 'released', 'sent', 'ground-ack', 'onboard-acceptance', START_STAGE, 'execution'];

export function sortStages(stages: readonly CommandStage[]): CommandStage[] {
  const rank = (s: CommandStage): number => {
    const i = STAGE_ORDER.indexOf(s.stage);
    return i < 0 ? STAGE_ORDER.length : i;
  };
  return [...stages].sort((a, b) => rank(a) - rank(b) || a.timeMs - b.timeMs);
}

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

function find(stages: readonly CommandStage[], name: string): CommandStage | undefined {
  return stages.find((s) => s.stage === name);
}

/**
 * The overall state: a failure anywhere wins, then completion; otherwise how far the command got.
 * A verification stage that timed out leaves the command `timeout` unless execution was confirmed.
 */
export function commandState(stages: readonly CommandStage[]): CommandState {
  if (stages.some((s) => s.status === 'failed')) return 'failed';
  if (find(stages, 'execution')?.status === 'ok') return 'completed';
  const sent = find(stages, 'sent');
  if (sent?.status === 'cancelled' || find(stages, APPROVAL_STAGE)?.status === 'cancelled') return 'cancelled';
  if (stages.some((s) => s.status === 'timeout')) return 'timeout';
  if (find(stages, APPROVAL_STAGE)?.status === 'pending') return 'awaiting-approval';
  if (sent?.status === 'pending') return 'sending';
  if (sent?.status === 'ok') return 'sent';
  if (find(stages, 'released')?.status === 'ok') return 'released';
  return 'queued';
}

/** True once nothing more can happen to the command. */
export function isFinal(state: CommandState, stages: readonly CommandStage[]): boolean {
  if (state === 'failed' || state === 'cancelled' || state === 'completed') return true;
  // Sent with no report left to wait for (say, no completion report was asked for).
  return (state === 'timeout' || state === 'sent') && !stages.some((s) => s.status === 'pending');
}

export function commandView(record: CommandRecord): CommandView {
  const releaseMode: ReleaseRequestMode = record.releaseMode === 'time' ? 'at' : record.releaseMode === 'contact' ? 'next-contact' : 'now';
  return {
    id: record.id,
    name: record.name,
    spacecraft: record.spacecraft,
    arguments: record.arguments,
    critical: find(record.stages, APPROVAL_STAGE) !== undefined,
    queuedBy: record.origin,
    queuedAt: formatIsoUtc(record.queuedMs),
    release: record.releaseAtMs === undefined ? { mode: releaseMode } : { mode: releaseMode, time: formatIsoUtc(record.releaseAtMs) },
    state: commandState(record.stages),
    ...(record.binary === undefined ? {} : { binary: hex(record.binary) }),
    stages: sortStages(record.stages).map((s) => ({
      stage: API_STAGE[s.stage] ?? s.stage,
      status: s.status,
      time: formatIsoUtc(s.timeMs),
      ...(s.message === undefined ? {} : { message: s.message }),
    })),
  };
}
