// `zenith tm decode`: decodes a capture of space packets (or TM transfer frames) with an XTCE
// mission database and prints one JSON object per packet: APID, sequence count, container,
// generation time and every parameter's raw, engineering and monitoring state.
import { readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { TmFrameDecoder, splitSpacePackets } from '../core/ccsds/index.ts';
import type { SpacePacketHeader } from '../core/ccsds/index.ts';
import { ZenithError } from '../core/errors/index.ts';
import { PacketDecoder } from '../core/mdb/index.ts';
import type { DecodeResult, DecodedValue, Value } from '../core/mdb/index.ts';
import { formatIsoUtc } from '../core/time/index.ts';
import { loadMdbFiles, reportProblems } from './mdbCommand.ts';

/** Exit code when output was written but some packets could not be decoded completely. */
export const EXIT_SOME_UNDECODED = 3;

function parseOctets(text: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isInteger(v) || v < 0) throw new InvalidArgumentError(`expected a whole number of octets, found "${text}"`);
  return v;
}

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** A decoded value as JSON: bytes as hex, integers beyond 2^53 as decimal strings. */
export function jsonValue(v: Value): unknown {
  if (v instanceof Uint8Array) return hex(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (Array.isArray(v)) return (v as readonly Value[]).map(jsonValue);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Readonly<Record<string, Value>>)) out[k] = jsonValue(x);
    return out;
  }
  return v;
}

function engJson(d: DecodedValue): unknown {
  if (d.parameter.type?.kind === 'absoluteTime' && typeof d.eng === 'number') return formatIsoUtc(d.eng);
  return jsonValue(d.eng);
}

/**
 * Parameters keyed by short name; a second parameter with the same short name is keyed by its
 * qualified name, and further occurrences of one parameter (repeats) get `#2`, `#3`, ...
 */
export function parameterObject(values: readonly DecodedValue[]): Record<string, { raw: unknown; eng: unknown; state: string | null }> {
  const out: Record<string, { raw: unknown; eng: unknown; state: string | null }> = {};
  const owner = new Map<string, unknown>();
  for (const d of values) {
    let key = d.parameter.name;
    if (owner.has(key) && owner.get(key) !== d.parameter) key = d.parameter.qualifiedName;
    if (Object.hasOwn(out, key)) {
      let k = 2;
      while (Object.hasOwn(out, `${key}#${k}`)) k++;
      key = `${key}#${k}`;
    }
    owner.set(d.parameter.name, owner.get(d.parameter.name) ?? d.parameter);
    out[key] = { raw: jsonValue(d.raw), eng: engJson(d), state: d.state };
  }
  return out;
}

export function packetJson(header: SpacePacketHeader, r: DecodeResult): Record<string, unknown> {
  const line: Record<string, unknown> = {
    apid: header.apid,
    sequenceCount: header.sequenceCount,
    container: r.container?.qualifiedName ?? null,
    generationTime: r.generationTimeMs === null ? null : formatIsoUtc(r.generationTimeMs),
    parameters: parameterObject(r.values),
  };
  if (r.error !== null) {
    line['error'] = r.error;
    line['message'] = r.message;
  }
  return line;
}

async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
}

export function registerTmCommand(program: Command): void {
  const tm = program.command('tm').description('telemetry tools');
  tm.command('decode')
    .description('decode a packet or frame capture with an XTCE mission database, one JSON object per packet')
    .requiredOption('--mdb <files...>', 'XTCE files of the mission database, loaded in this order')
    .requiredOption('--input <file>', 'capture to decode')
    .option('--packets', 'the input is concatenated space packets (CCSDS 133.0-B-2)')
    .option('--frames', 'the input is concatenated TM transfer frames (CCSDS 132.0-B-3), no sync markers')
    .option('--frame-length <octets>', 'TM frame length in octets (with --frames)', parseOctets)
    .option('--no-fecf', 'TM frames carry no frame error control field')
    .option('--skip-header <octets>', 'octets of private header before every packet (or frame)', parseOctets, 0)
    .option('--root <container>', 'container to start decoding at (default: the root containers)')
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl'] as const).default('jsonl' as const))
    .action(async (options) => {
      if (options.packets === true && options.frames === true) throw new ZenithError('CLI_USAGE', 'expected one of --packets or --frames, found both', { field: 'input' });
      if (options.packets !== true && options.frames !== true) throw new ZenithError('CLI_USAGE', 'expected --packets or --frames, found neither', { field: 'input' });
      const loaded = await loadMdbFiles(options.mdb);
      reportProblems(loaded);
      const decoder = new PacketDecoder(loaded.mdb, options.root === undefined ? {} : { root: options.root });
      let input: Uint8Array;
      try {
        input = new Uint8Array(await readFile(options.input));
      } catch (error) {
        throw new ZenithError('FILE_UNREADABLE', `expected a readable capture, found: ${error instanceof Error ? error.message : String(error)}`, { file: options.input }, { cause: error });
      }
      const packets: { header: SpacePacketHeader; bytes: Uint8Array }[] = [];
      let streamProblem: string | null = null;
      if (options.packets === true) {
        const split = splitSpacePackets(input, { skipHeaderBytes: options.skipHeader });
        packets.push(...split.packets);
        if (split.error !== null) streamProblem = `${split.error.error} at octet ${split.error.streamOffset}`;
      } else {
        const frameLength = options.frameLength;
        if (frameLength === undefined) throw new ZenithError('CLI_USAGE', 'expected --frame-length with --frames, found none', { field: 'frame-length' });
        const frames = new TmFrameDecoder({ frameLength, hasFecf: options.fecf });
        const step = options.skipHeader + frameLength;
        for (let at = 0; at + step <= input.length; at += step) {
          packets.push(...frames.decode(input.subarray(at + options.skipHeader, at + step)).packets);
        }
        if (input.length % step !== 0) streamProblem = `${input.length % step} octets left after the last whole frame`;
        const c = frames.takeCounters();
        process.stderr.write(`zenith: frames ${c.frames}, accepted ${c.accepted}, bad CRC ${c.badCrc}, VC gaps ${c.vcGaps}\n`);
      }
      let failed = 0;
      let chunk = '';
      for (const p of packets) {
        const r = decoder.decode(p.bytes);
        if (r.error !== null) failed++;
        chunk += `${JSON.stringify(packetJson(p.header, r))}\n`;
        if (chunk.length > 1 << 16) {
          await write(chunk);
          chunk = '';
        }
      }
      await write(chunk);
      if (streamProblem !== null) process.stderr.write(`zenith: ${options.input}: [TM_STREAM] the capture ends badly: ${streamProblem}\n`);
      if (failed > 0) process.stderr.write(`zenith: ${options.input}: [TM_UNDECODED] ${failed} of ${packets.length} packets could not be decoded completely\n`);
      if (failed > 0 || streamProblem !== null) process.exitCode = EXIT_SOME_UNDECODED;
    });
}
