export { MIN_NATS_SERVER_VERSION, NatsBus } from './NatsBus.ts';
