// The configuration of `zenith up`: command-line flags over an optional YAML file, validated once
// with one TypeBox schema so that a mistake fails at start-up naming its key (`simulator.seed`).
// Sections owned by a service (flightDynamics) are passed through and validated by that service.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import Type from 'typebox';
import Value from 'typebox/value';
import { parse as parseYaml } from 'yaml';
import { ZenithError } from '../../core/errors/index.ts';
import { configErrors } from '../mission/index.ts';

export const UpConfigSchema = Type.Object(
  {
    /** Folder for the SQLite archive and the clock state (default ./zenith-data). */
    data: Type.Optional(Type.String({ minLength: 1 })),
    /** API port (0: any free port). */
    port: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
    host: Type.Optional(Type.String({ minLength: 1 })),
    /** Simulated seconds per real second. */
    speed: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100_000 })),
    /** postgres://..., a SQLite file or folder; default: archive.sqlite under `data`. */
    archive: Type.Optional(Type.String({ minLength: 1 })),
    /** nats://host:port; default: the in-process bus. */
    bus: Type.Optional(Type.String({ minLength: 1 })),
    /** The mission folder (mission.yaml, mdb/); default missions/demo. */
    mission: Type.Optional(Type.String({ minLength: 1 })),
    /** The flight-dynamics section (FlightDynamicsConfigSchema, checked by that service). */
    flightDynamics: Type.Optional(Type.Unknown()),
    /** Who may use the API (docs/security.md). */
    auth: Type.Optional(
      Type.Object(
        {
          /** Origins (scheme://host:port) besides the server's own whose pages may open the WebSocket with a session cookie. */
          allowedOrigins: Type.Optional(Type.Array(Type.String({ pattern: '^https?://[^/\\s]+$' }), { maxItems: 100 })),
          /** Mark the session cookie Secure (set when a TLS proxy is in front); default: only for https requests. */
          secureCookie: Type.Optional(Type.Boolean()),
          /**
           * Reverse proxies (addresses, CIDR ranges, or loopback / linklocal / uniquelocal) whose
           * X-Forwarded-For and X-Forwarded-Proto are believed; default none: the client is the peer.
           */
          trustedProxies: Type.Optional(
            Type.Array(Type.String({ pattern: '^(loopback|linklocal|uniquelocal|[0-9A-Fa-f:.]+(/[0-9]{1,3})?)$' }), { maxItems: 100 }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    simulator: Type.Optional(
      Type.Object(
        {
          bitErrorRate: Type.Optional(Type.Number({ minimum: 0, maximum: 0.5 })),
          frameLossRate: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
          seed: Type.Optional(Type.Integer({ minimum: 0 })),
          tickMs: Type.Optional(Type.Integer({ minimum: 10, maximum: 10_000 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export type UpConfig = Type.Static<typeof UpConfigSchema>;

/** Everything `zenith up` runs with, defaults filled in, paths absolute. */
export interface UpSettings {
  readonly dataDir: string;
  readonly port: number;
  readonly host: string;
  readonly speed: number;
  /** The archive URL given to openArchive. */
  readonly archive: string;
  /** undefined: the in-process bus. */
  readonly bus: string | undefined;
  readonly missionDir: string;
  readonly flightDynamics: unknown;
  readonly simulator: NonNullable<UpConfig['simulator']>;
  readonly auth: NonNullable<UpConfig['auth']>;
}

export const DEFAULT_PORT = 8080;

/** Reads and parses a YAML config file; ZenithError CONFIG_UNREADABLE / CONFIG_INVALID naming the file. */
export function readUpConfigFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ZenithError('CONFIG_UNREADABLE', `expected a readable config file, found: ${(cause as Error).message}`, { file }, { cause });
  }
  try {
    return parseYaml(text) ?? {};
  } catch (cause) {
    throw new ZenithError('CONFIG_INVALID', `expected YAML, found: ${(cause as Error).message}`, { file }, { cause });
  }
}

/**
 * Merges `flags` (already typed by the CLI) over `fileConfig` (raw, from the YAML file) and checks
 * the result against UpConfigSchema. All problems are reported in one ZenithError CONFIG_INVALID.
 */
export function resolveUpConfig(flags: Partial<UpConfig>, fileConfig: unknown = {}, file = '(flags)', cwd = process.cwd()): UpSettings {
  if (fileConfig === null || typeof fileConfig !== 'object' || Array.isArray(fileConfig)) {
    throw new ZenithError('CONFIG_INVALID', `expected a mapping of keys at the top level, found ${Array.isArray(fileConfig) ? 'a list' : typeof fileConfig}`, { file });
  }
  const defined = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined));
  const merged: Record<string, unknown> = { ...(fileConfig as Record<string, unknown>), ...defined };
  const problems = configErrors(UpConfigSchema, merged, file);
  const first = problems[0];
  if (first !== undefined) {
    if (problems.length === 1) throw first;
    throw new ZenithError('CONFIG_INVALID', `${problems.length} problems:\n${problems.map((p) => `  ${p.describe()}`).join('\n')}`, { file });
  }
  const config = Value.Parse(UpConfigSchema, merged);
  (config.auth?.trustedProxies ?? []).forEach((entry, i) => {
    if (!isProxyAddress(entry)) {
      throw new ZenithError(
        'CONFIG_INVALID',
        `auth.trustedProxies[${i}]: expected an IP address, a CIDR range (10.0.0.0/8, fd00::/8) or loopback, linklocal, uniquelocal; found "${entry}"`,
        { file },
      );
    }
  });
  const dataDir = resolve(cwd, config.data ?? 'zenith-data');
  return {
    dataDir,
    port: config.port ?? DEFAULT_PORT,
    host: config.host ?? '127.0.0.1',
    speed: config.speed ?? 1,
    archive: config.archive ?? dataDir,
    bus: config.bus,
    missionDir: resolve(cwd, config.mission ?? 'missions/demo'),
    flightDynamics: config.flightDynamics,
    simulator: config.simulator ?? {},
    auth: config.auth ?? {},
  };
}

/** An address, a CIDR range or a range name that Fastify's trustProxy (proxy-addr) accepts. */
function isProxyAddress(entry: string): boolean {
  if (entry === 'loopback' || entry === 'linklocal' || entry === 'uniquelocal') return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^[0-9]{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}
