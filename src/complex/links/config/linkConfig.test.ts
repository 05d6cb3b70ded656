import Value from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { TcpTmFrameLink, UdpTmFrameLink } from '../index.ts';
import { TmLinkConfigSchema, createTmFrameLink } from './index.ts';

describe('link configuration', () => {
  it('builds the link each entry describes, acknowledged TCP by default', () => {
    const tcp = createTmFrameLink({ name: 'MINSK-tm', transport: 'tcp', station: 'MINSK', port: 0 });
    expect(tcp).toBeInstanceOf(TcpTmFrameLink);
    expect(tcp instanceof TcpTmFrameLink ? tcp.framing : undefined).toBe('acknowledged');
    const udp = createTmFrameLink({ name: 'SVB-tm', transport: 'udp', station: 'SVALBARD', spacecraft: 'ZEN-EO', port: 0 });
    expect(udp).toBeInstanceOf(UdpTmFrameLink);
    expect(udp.info()).toMatchObject({ name: 'SVB-tm', station: 'SVALBARD', spacecraft: 'ZEN-EO', transport: 'udp', status: 'unavailable' });
  });

  it('validates entries: names, ports and framings', () => {
    expect(Value.Check(TmLinkConfigSchema, { name: 'a', transport: 'tcp', station: 'S', port: 1, framing: 'fixed-length', frameLength: 1115 })).toBe(true);
    expect(Value.Check(TmLinkConfigSchema, { name: 'a.b', transport: 'tcp', station: 'S', port: 1 })).toBe(false);
    expect(Value.Check(TmLinkConfigSchema, { name: 'a', transport: 'tcp', station: 'S', port: 65536 })).toBe(false);
    expect(Value.Check(TmLinkConfigSchema, { name: 'a', transport: 'sctp', station: 'S', port: 1 })).toBe(false);
    expect(Value.Check(TmLinkConfigSchema, { name: 'a', transport: 'tcp', station: 'S', port: 1, framing: 'cadu' })).toBe(false);
    expect(Value.Check(TmLinkConfigSchema, { name: 'a', transport: 'tcp', station: 'S', port: 1, colour: 'red' })).toBe(false);
  });
});
