// Run as a child process by commandPipeline.test.ts: a command pipeline whose process dies by
// SIGKILL at the worst moment, after the claim of `sent` is durable and before the uplink writes
// one octet. Arguments: archive URL, station port, command id.
import { openArchive } from '../archive/index.ts';
import { TcpTcCltuLink } from '../links/index.ts';
import { ScaledClock } from '../runtime/index.ts';
import { CommandService } from './CommandService.ts';
import { WindowContactSource } from './ContactSource.ts';
import { testMdb } from './tcTestKit.ts';

const [url, port, id] = process.argv.slice(2);
if (url === undefined || port === undefined || id === undefined) throw new TypeError('usage: crashWhileSending.fixture.ts <archive> <port> <id>');
const clock = new ScaledClock();
const archive = await openArchive(url);
const link = new TcpTcCltuLink({ name: 'MINSK-tc', station: 'MINSK', host: '127.0.0.1', port: Number(port), clock });
await link.start();
link.send = () => {
  process.kill(process.pid, 'SIGKILL');
  return new Promise(() => undefined);
};
const service = new CommandService({
  archive,
  clock,
  contacts: new WindowContactSource([{ station: 'MINSK', spacecraft: 'ZEN-EO', aosMs: 0, losMs: Number.POSITIVE_INFINITY }]),
  spacecraft: [{ name: 'ZEN-EO', spacecraftId: 101, mdb: testMdb(), apid: 100 }],
  links: [link],
});
await service.start();
await service.queue({ id, name: 'SET_MODE', spacecraft: 'ZEN-EO', arguments: { mode: 'SAFE' } });
