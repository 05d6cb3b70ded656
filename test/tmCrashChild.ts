// The telemetry pipeline as a process of its own, for test/tmCrash.test.ts (which kills it with
// SIGKILL): SQLite archive, in-process bus, one acknowledged TCP link and the test spacecraft.
// Usage: node --import tsx test/tmCrashChild.ts <archive file> <port> [commits]
// Prints `READY <port>` once the link listens. With [commits], it kills itself with SIGKILL right
// after that many frame batches are committed and before they are acknowledged: the worst moment.
// On SIGTERM it stops cleanly and prints `STATS <frame store counters as JSON>`.
import { openArchive } from '../src/complex/archive/index.ts';
import type { FrameRecord } from '../src/complex/archive/index.ts';
import { MemoryBus } from '../src/complex/bus/memory/index.ts';
import { TcpTmFrameLink } from '../src/complex/links/index.ts';
import { TmService } from '../src/complex/tm/index.ts';
import { TEST_SCID, TEST_SPACECRAFT, loadTestMdb, testSpacecraft } from './tmSupport/index.ts';

const [file, portText, commitsText] = process.argv.slice(2);
if (file === undefined || portText === undefined) {
  process.stderr.write('usage: tmCrashChild.ts <archive file> <port>\n');
  process.exit(2);
}
const archive = await openArchive(file);
const crashAfter = commitsText === undefined ? 0 : Number(commitsText);
let commits = 0;
const watched = new Proxy(archive, {
  get(target, property) {
    if (property === 'storeFrames') {
      return async (batch: readonly FrameRecord[]): Promise<number> => {
        const added = await target.storeFrames(batch);
        if (++commits === crashAfter) process.kill(process.pid, 'SIGKILL');
        return added;
      };
    }
    const value: unknown = Reflect.get(target, property, target);
    return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
  },
});
const bus = new MemoryBus();
const link = new TcpTmFrameLink({
  name: 'CRASH-tm',
  station: 'S1',
  port: Number(portText),
  framing: 'acknowledged',
  spacecraftIds: new Map([[TEST_SCID, TEST_SPACECRAFT]]),
  retryMs: 50,
});
const service = new TmService({ archive: watched, bus, spacecraft: [testSpacecraft(loadTestMdb())], links: [link], frameBatch: 64 });
await service.start();
const ready = (): void => {
  process.stdout.write(`READY ${link.address()?.port ?? '?'}\n`);
};
// The port may still be held for a moment by the previous (killed) process: the link retries.
if (link.status() === 'failed') {
  link.onStatus((status) => {
    if (status !== 'failed') ready();
  });
} else ready();
process.on('SIGTERM', () => {
  void service
    .stop()
    .then(() => {
      process.stdout.write(`STATS ${JSON.stringify(service.frameStore.counters)}\n`);
    })
    .then(() => archive.close())
    .then(() => bus.close())
    .then(() => process.exit(0));
});
