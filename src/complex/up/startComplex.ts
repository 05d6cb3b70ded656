// The composition root of `zenith up`: opens the archive and the bus, loads the mission, and starts
// flight dynamics, the telemetry pipeline with one TCP frame link per station, the simulator (which
// connects to those links and listens for CLTUs), the command pipeline and the API, in that order;
// stops them in reverse. The API serves the web UI, built from web/ first when its sources changed
// (buildWebUi.ts). The simulated clock resumes where the previous run stopped (clock.json).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ZenithError } from '../../core/errors/index.ts';
import { createApiServer } from '../api/index.ts';
import type { ApiServer } from '../api/index.ts';
import { openArchive } from '../archive/index.ts';
import type { Archive } from '../archive/index.ts';
import { AuthService, createApiAuth } from '../auth/index.ts';
import { openBus } from '../bus/index.ts';
import type { Bus } from '../bus/index.ts';
import { FlightDynamicsService } from '../fd/index.ts';
import { TcpTcCltuLink } from '../links/index.ts';
import { createTmFrameLink } from '../links/config/index.ts';
import { loadMission } from '../mission/index.ts';
import { ScaledClock, stopAll } from '../runtime/index.ts';
import type { Service } from '../runtime/index.ts';
import { DEFAULT_FRAME_LENGTH, SimulationService, loadDemoDatabase } from '../sim/index.ts';
import { CommandService, DEFAULT_TIMEOUTS } from '../tc/index.ts';
import { TmService } from '../tm/index.ts';
import type { UpSettings } from './upConfig.ts';
import { PacketTap } from './PacketTap.ts';
import { ensureWebUi } from './buildWebUi.ts';
import { upRoutes } from './upRoutes.ts';

export interface RunningComplex {
  /** The API's base URL, e.g. http://127.0.0.1:8080/ */
  readonly url: string;
  readonly clock: ScaledClock;
  readonly simulator: SimulationService;
  /** Set on the first start (an archive without users): the password of the `admin` just made, to be shown once. */
  readonly firstAdminPassword?: string;
  /** Stops every service in reverse order of start and closes the archive and the bus. */
  stop(): Promise<void>;
}

export const CLOCK_FILE = 'clock.json';
/** A service that takes longer than this (real ms) to stop is left behind, so that Ctrl-C always ends. */
const STOP_TIMEOUT_MS = 10_000;
/** The clock state is saved this often (real ms) so that a crash loses little simulated time. */
const CLOCK_SAVE_REAL_MS = 2000;

/** The simulated instant to start at: where the last run stopped, unless the wall clock is later. */
export function resumeTimeMs(dataDir: string, nowMs: number): number {
  try {
    const saved = JSON.parse(readFileSync(join(dataDir, CLOCK_FILE), 'utf8')) as { simulatedMs?: unknown };
    if (typeof saved.simulatedMs === 'number' && Number.isFinite(saved.simulatedMs)) return Math.max(nowMs, saved.simulatedMs);
  } catch {
    // No saved state (first run) or an unreadable one: start at the wall clock.
  }
  return nowMs;
}

function saveClock(dataDir: string, clock: ScaledClock): void {
  writeFileSync(join(dataDir, CLOCK_FILE), `${JSON.stringify({ simulatedMs: clock.nowMs(), savedAt: new Date().toISOString() })}\n`);
}

/** A service made of two functions. */
function service(name: string, start: () => Promise<void>, stop: () => Promise<void>): Service {
  return { name, start, stop };
}

/** Starts the whole complex; on failure, what had started is stopped again and the error thrown. */
export async function startComplex(settings: UpSettings, log: (line: string) => void = () => undefined): Promise<RunningComplex> {
  const started: Service[] = [];
  const run = async (s: Service): Promise<void> => {
    log(`starting ${s.name}`);
    await s.start();
    started.push(s);
  };
  try {
    mkdirSync(settings.dataDir, { recursive: true });
    // Mission and database first: a mistake there fails before anything opens.
    const mission = loadMission(settings.missionDir);
    const mdb = loadDemoDatabase(settings.missionDir);
    const clock = new ScaledClock({ speed: settings.speed, startMs: resumeTimeMs(settings.dataDir, Date.now()) });

    let archive: Archive | undefined;
    await run(
      service(
        'archive',
        async () => {
          archive = await openArchive(settings.archive);
        },
        async () => archive?.close(),
      ),
    );
    let bus: Bus | undefined;
    await run(
      service(
        'bus',
        async () => {
          bus = await openBus(settings.bus);
        },
        async () => bus?.close(),
      ),
    );
    if (archive === undefined || bus === undefined) throw new Error('archive or bus did not open');

    let clockTimer: NodeJS.Timeout | undefined;
    await run(
      service(
        'clock',
        () => {
          clockTimer = setInterval(() => {
            saveClock(settings.dataDir, clock);
          }, CLOCK_SAVE_REAL_MS);
          clockTimer.unref();
          return Promise.resolve();
        },
        () => {
          clearInterval(clockTimer);
          saveClock(settings.dataDir, clock);
          return Promise.resolve();
        },
      ),
    );

    const fd = new FlightDynamicsService({
      mission,
      archive,
      clock,
      bus,
      config: settings.flightDynamics ?? { reEpoch: { enabled: true } },
      configFile: 'flightDynamics',
      onError: (error) => {
        log(`flight dynamics: ${String(error)}`);
      },
    });
    await run(fd);

    const spacecraftIds = new Map(mission.spacecraft.map((s) => [s.spacecraftId, s.name]));
    const tmLinks = mission.stations.map((st) =>
      createTmFrameLink({ name: `${st.name}-tm`, transport: 'tcp', station: st.name, host: '127.0.0.1', port: 0, framing: 'acknowledged' }, { spacecraftIds, clock }),
    );
    // The fleet shares one database: each spacecraft's parameters are kept, and named in the API,
    // under its own name.
    const prefixOf = (spacecraft: string): string => `/${spacecraft}`;
    const parameterPrefixes = mission.spacecraft.map((s) => prefixOf(s.name));
    const tm = new TmService({
      archive,
      bus,
      clock,
      spacecraft: mission.spacecraft.map((s) => ({ name: s.name, spacecraftId: s.spacecraftId, mdb, frameLength: DEFAULT_FRAME_LENGTH, parameterPrefix: prefixOf(s.name) })),
      links: tmLinks,
    });
    await run(tm);
    await run(new PacketTap(bus, mission.spacecraft.map((s) => ({ name: s.name, spacecraftId: s.spacecraftId, frameLength: DEFAULT_FRAME_LENGTH }))));

    const stations: Record<string, { tmHost: string; tmPort: number; tcHost: string; tcPort: number }> = {};
    for (const link of tmLinks) {
      const address = link.address();
      if (address === undefined) throw new ZenithError('UP_LINK', `link ${link.name} did not open a port`, { field: 'tm.links' });
      stations[link.station] = { tmHost: '127.0.0.1', tmPort: address.port, tcHost: '127.0.0.1', tcPort: 0 };
    }
    const sim = new SimulationService({
      mission,
      mdb,
      clock,
      stations,
      // The simulated stations point their antennas as the contact plan says.
      // The simulated spacecraft fly the sets flight dynamics holds in force (re-epoched to now).
      elementsFor: (spacecraft) => fd.elementsFor(spacecraft),
      assignment: (station, atMs) => fd.plannedContacts().find((c) => c.station === station && c.aosMs <= atMs && atMs < c.losMs)?.spacecraft,
      ...(settings.simulator.bitErrorRate === undefined ? {} : { bitErrorRate: settings.simulator.bitErrorRate }),
      ...(settings.simulator.frameLossRate === undefined ? {} : { frameLossRate: settings.simulator.frameLossRate }),
      ...(settings.simulator.seed === undefined ? {} : { seed: settings.simulator.seed }),
      ...(settings.simulator.tickMs === undefined ? {} : { tickMs: settings.simulator.tickMs }),
      onError: (error) => {
        log(`simulator: ${String(error)}`);
      },
    });
    await run(sim);

    const tcLinks = mission.stations.map((st) => {
      const address = sim.uplinkAddress(st.name);
      if (address === undefined) throw new ZenithError('UP_LINK', `the simulated station ${st.name} does not listen for commands`, { field: 'simulator.stations' });
      return new TcpTcCltuLink({ name: `${st.name}-tc`, station: st.name, host: address.host, port: address.port, clock });
    });
    const tc = new CommandService({
      archive,
      bus,
      clock,
      contacts: fd,
      spacecraft: mission.spacecraft.map((s) => ({ name: s.name, spacecraftId: s.spacecraftId, mdb })),
      links: tcLinks,
      // Stage timeouts are simulated time: at high speed the round trip over real sockets takes
      // many simulated seconds, so each gets 5 real seconds on top of its default.
      timeouts: {
        groundAckMs: (DEFAULT_TIMEOUTS.groundAckMs ?? 0) + 5000 * settings.speed,
        acceptanceMs: (DEFAULT_TIMEOUTS.acceptanceMs ?? 0) + 5000 * settings.speed,
        executionMs: (DEFAULT_TIMEOUTS.executionMs ?? 0) + 5000 * settings.speed,
      },
      onError: (error) => {
        log(`commands: ${String(error)}`);
      },
    });
    for (const link of tcLinks) await run(link);
    await run(tc);

    // Every route but login, health and the status page needs a session or a token
    // (docs/security.md); on an archive without users the first admin is made here.
    const auth = new AuthService({
      archive,
      onAuditError: (error) => {
        log(`audit log: ${String(error)}`);
      },
    });
    const firstAdminPassword = await auth.ensureFirstAdmin({ actor: 'zenith up', address: 'cli' });
    // A restart must not lift the locks of a login attack: the last half hour's logins are replayed.
    const replayed = await auth.restoreLoginLimits();
    if (replayed > 0) log(`auth: login limit rebuilt from ${replayed} login attempts in the audit log`);
    const apiAuth = createApiAuth(auth, {
      allowedOrigins: settings.auth.allowedOrigins ?? [],
      ...(settings.auth.secureCookie === undefined ? {} : { secureCookie: settings.auth.secureCookie }),
    });
    let webRoot: string | undefined;
    try {
      webRoot = (await ensureWebUi(log))?.root;
    } catch (error) {
      log(`web UI: not built (${String(error)}); serving a status page at / instead`);
    }
    const api: ApiServer = await createApiServer(
      { clock, archive, bus, mission, mdb, parameterPrefixes, telemetry: tm, commands: tc, flightDynamics: fd },
      {
        version: '0.1.0',
        ...(webRoot === undefined ? {} : { webRoot }),
        ...(settings.auth.trustedProxies === undefined ? {} : { trustedProxies: settings.auth.trustedProxies }),
        authenticate: apiAuth.authenticate,
        onAnswered: apiAuth.onAnswered,
        routes: (app) => {
          apiAuth.routes(app);
          upRoutes(app, mission.name, sim, { statusPage: webRoot === undefined });
        },
      },
    );
    let url = '';
    await run(
      service(
        'api',
        async () => {
          const address = await api.app.listen({ host: settings.host, port: settings.port });
          url = `${address.replace('[::1]', 'localhost')}/`;
        },
        async () => {
          await api.app.close();
          await auth.audit.flush();
        },
      ),
    );
    return { url, clock, simulator: sim, ...(firstAdminPassword === undefined ? {} : { firstAdminPassword }), stop: () => stopAll(started, { log, timeoutMs: STOP_TIMEOUT_MS }) };
  } catch (error) {
    await stopAll(started, { log, timeoutMs: STOP_TIMEOUT_MS }).catch(() => undefined);
    throw error;
  }
}
