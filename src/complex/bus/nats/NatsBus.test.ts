import { NatsBus } from './index.ts';
import { busContract } from '../contract/index.ts';

// The server of this machine; the suite fails (it does not skip) when it is not answering.
const NATS_URL = process.env['ZENITH_TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222';

busContract('nats', (options) => NatsBus.open(NATS_URL, options));
