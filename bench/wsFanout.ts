// WebSocket fan-out: parameter values published on the bus reach 100 subscribed WebSocket clients
// through the API (bus -> live topic -> one JSON per value -> a frame per subscriber). Beside it,
// the peer: a bare `ws` server sending the same frames to the same number of clients, measured in
// the same run. Prints deliveries/s for a burst and the latency (publish -> client) at a steady
// rate, and the ratios Zenith/peer. Clients run in this process too, for both.
// Run: npx tsx bench/wsFanout.ts [subscribers] [messages]
import { pathToFileURL } from 'node:url';
import WebSocket, { WebSocketServer } from 'ws';
import { toJson } from '../src/complex/bus/index.ts';
import { T0, openTestApi } from '../src/complex/api/apiTestKit.ts';

const NAME = '/ZEN-EO/EPS/BATT_V';

export interface FanoutFigures {
  readonly subscribers: number;
  /** Messages in the burst; each goes to every subscriber. */
  readonly messages: number;
  readonly deliveriesPerS: number;
  /** Publish-to-receipt latency at the steady rate. */
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
}

export interface WsFanoutResult {
  readonly zenith: FanoutFigures;
  readonly peer: FanoutFigures;
  /** Zenith deliveries/s over the peer's (1.0 = the API costs nothing over bare ws). */
  readonly throughputRatio: number;
  readonly latencyP50Ratio: number;
}

export interface WsFanoutOptions {
  readonly subscribers?: number;
  readonly messages?: number;
  /** Messages per second of the latency run (default 50, below what the machine can deliver to 100 clients) and how many (default 200). */
  readonly steadyRate?: number;
  readonly steadyMessages?: number;
}

/** How one side publishes a value stamped with `performance.now()`. */
type Publish = (sequence: number) => void;

interface Clients {
  readonly sockets: WebSocket[];
  /** Resolves once every client has received `count` data messages since the last reset. */
  waitFor(count: number): Promise<void>;
  reset(): void;
  /** Latencies of the data messages received since the last reset (ms). */
  readonly latencies: number[];
}

async function openClients(url: string, n: number, subscribe: ((ws: WebSocket) => Promise<void>) | undefined): Promise<Clients> {
  const counts = new Array<number>(n).fill(0);
  const latencies: number[] = [];
  let waiter: { count: number; resolve: () => void } | undefined;
  const check = (): void => {
    if (waiter !== undefined && counts.every((c) => c >= waiter!.count)) {
      const w = waiter;
      waiter = undefined;
      w.resolve();
    }
  };
  const sockets = await Promise.all(
    Array.from({ length: n }, (_, i) => new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.on('message', (data: Buffer) => {
        const m = JSON.parse(data.toString('utf8')) as { type: string; data?: { eng: number } };
        if (m.type !== 'data' || m.data === undefined) return;
        counts[i] = (counts[i] ?? 0) + 1;
        latencies.push(performance.now() - m.data.eng);
        check();
      });
      ws.once('open', () => { resolve(ws); });
      ws.once('error', reject);
    })),
  );
  if (subscribe !== undefined) await Promise.all(sockets.map(subscribe));
  const clients: Clients = {
    sockets,
    latencies,
    waitFor: (count) => new Promise((resolve) => {
      waiter = { count, resolve };
      check();
    }),
    reset: () => {
      counts.fill(0);
      latencies.length = 0;
    },
  };
  return clients;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

async function measure(publish: Publish, clients: Clients, subscribers: number, options: Required<WsFanoutOptions>): Promise<FanoutFigures> {
  // Warm-up: the first messages pay for JIT compilation on both sides.
  clients.reset();
  for (let i = 0; i < 200; i++) publish(i);
  await clients.waitFor(200);

  // Burst: publish in chunks, yielding between them so sockets can drain, until all have arrived.
  clients.reset();
  const start = performance.now();
  for (let i = 0; i < options.messages; i++) {
    publish(i);
    if (i % 50 === 49) await tick();
  }
  await clients.waitFor(options.messages);
  const seconds = (performance.now() - start) / 1000;

  // Steady rate: latency without a queue built up by the burst.
  clients.reset();
  const interval = 1000 / options.steadyRate;
  const t0 = performance.now();
  for (let i = 0; i < options.steadyMessages; i++) {
    const due = t0 + i * interval - performance.now();
    if (due > 0) await pause(due);
    publish(i);
  }
  await clients.waitFor(options.steadyMessages);
  const lat = clients.latencies;
  return {
    subscribers,
    messages: options.messages,
    deliveriesPerS: (options.messages * subscribers) / seconds,
    latencyP50Ms: percentile(lat, 50),
    latencyP99Ms: percentile(lat, 99),
  };
}

async function zenithRun(options: Required<WsFanoutOptions>): Promise<FanoutFigures> {
  const api = await openTestApi('sqlite');
  try {
    const address = await api.app.listen({ port: 0, host: '127.0.0.1' });
    const subscribe = (ws: WebSocket): Promise<void> =>
      new Promise((resolve) => {
        const onMessage = (data: Buffer): void => {
          if ((JSON.parse(data.toString('utf8')) as { type: string }).type === 'subscribed') {
            ws.off('message', onMessage);
            resolve();
          }
        };
        ws.on('message', onMessage);
        ws.send(JSON.stringify({ type: 'subscribe', id: 'bench', topic: 'parameters', options: { names: [NAME], latest: false } }));
      });
    const clients = await openClients(`${address.replace('http', 'ws')}/api/ws`, options.subscribers, subscribe);
    const publish: Publish = (sequence) => {
      const t = T0 + sequence * 1000;
      api.deps.bus.publish(
        'tm.param.ZEN-EO',
        toJson({ spacecraft: 'ZEN-EO', generationTimeMs: t, receptionTimeMs: t + 250, parameters: [{ name: NAME, raw: sequence, eng: performance.now(), state: 'normal' }] }),
      );
    };
    const figures = await measure(publish, clients, options.subscribers, options);
    for (const s of clients.sockets) s.terminate();
    return figures;
  } finally {
    await api.close();
  }
}

async function peerRun(options: Required<WsFanoutOptions>): Promise<FanoutFigures> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const connected: WebSocket[] = [];
  server.on('connection', (ws) => connected.push(ws));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const clients = await openClients(`ws://127.0.0.1:${port}`, options.subscribers, undefined);
  while (connected.length < options.subscribers) await tick();
  // The same frame text the API sends, serialised once and sent to each client.
  const publish: Publish = (sequence) => {
    const t = T0 + sequence * 1000;
    const text = JSON.stringify({
      type: 'data',
      id: 'bench',
      data: { name: NAME, generationTime: new Date(t).toISOString(), receptionTime: new Date(t + 250).toISOString(), raw: sequence, eng: performance.now(), state: 'normal' },
    });
    for (const ws of connected) ws.send(text);
  };
  const figures = await measure(publish, clients, options.subscribers, options);
  for (const s of clients.sockets) s.terminate();
  await new Promise<void>((resolve) => { server.close(() => { resolve(); }); });
  return figures;
}

function line(label: string, f: FanoutFigures): string {
  return `${label.padEnd(28)} ${f.deliveriesPerS.toFixed(0).padStart(9)} deliveries/s   latency p50 ${f.latencyP50Ms.toFixed(2)} ms, p99 ${f.latencyP99Ms.toFixed(2)} ms`;
}

/** Runs both sides and prints the figures; `npm run bench` runs this file alone. */
export async function benchWsFanout(options: WsFanoutOptions = {}): Promise<WsFanoutResult> {
  const o: Required<WsFanoutOptions> = { subscribers: 100, messages: 2000, steadyRate: 50, steadyMessages: 200, ...options };
  console.log(`${o.subscribers} subscribers; burst of ${o.messages} values; latency at ${o.steadyRate} values/s`);
  const zenith = await zenithRun(o);
  console.log(line('zenith (bus -> API -> ws)', zenith));
  const peer = await peerRun(o);
  console.log(line('peer (bare ws send)', peer));
  const result = { zenith, peer, throughputRatio: zenith.deliveriesPerS / peer.deliveriesPerS, latencyP50Ratio: zenith.latencyP50Ms / peer.latencyP50Ms };
  console.log(`ratio zenith/peer: deliveries/s ${result.throughputRatio.toFixed(2)}, latency p50 ${result.latencyP50Ratio.toFixed(2)}`);
  return result;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [subscribers, messages] = process.argv.slice(2).map(Number);
  await benchWsFanout({ ...(subscribers !== undefined && subscribers > 0 ? { subscribers } : {}), ...(messages !== undefined && messages > 0 ? { messages } : {}) });
}
