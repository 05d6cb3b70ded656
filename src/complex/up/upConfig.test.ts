import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZenithError } from '../../core/errors/index.ts';
import { DEFAULT_PORT, readUpConfigFile, resolveUpConfig } from './upConfig.ts';

function problem(fn: () => unknown): ZenithError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ZenithError) return error;
    throw error;
  }
  throw new Error('expected a ZenithError');
}

describe('resolveUpConfig', () => {
  it('fills the defaults relative to the working directory', () => {
    const s = resolveUpConfig({}, {}, '(flags)', '/srv/zenith');
    expect(s.dataDir).toBe('/srv/zenith/zenith-data');
    expect(s.archive).toBe('/srv/zenith/zenith-data');
    expect(s.missionDir).toBe('/srv/zenith/missions/demo');
    expect(s.port).toBe(DEFAULT_PORT);
    expect(s.speed).toBe(1);
    expect(s.bus).toBeUndefined();
  });

  it('puts flags over the file, keeping keys only the file gives', () => {
    const s = resolveUpConfig({ speed: 60, port: 0 }, { speed: 10, bus: 'nats://127.0.0.1:4222', data: 'd', simulator: { seed: 7 } }, 'up.yaml', '/w');
    expect(s.speed).toBe(60);
    expect(s.port).toBe(0);
    expect(s.bus).toBe('nats://127.0.0.1:4222');
    expect(s.dataDir).toBe('/w/d');
    expect(s.simulator.seed).toBe(7);
  });

  it('names the key at fault and the file', () => {
    const e = problem(() => resolveUpConfig({}, { simulator: { seed: -1 } }, 'up.yaml'));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.describe()).toContain('simulator.seed');
    expect(e.describe()).toContain('up.yaml');
    const unknown = problem(() => resolveUpConfig({}, { sped: 3 }, 'up.yaml'));
    expect(unknown.describe()).toContain('sped');
  });

  it('refuses a speed of zero and a port out of range, listing both', () => {
    const e = problem(() => resolveUpConfig({ speed: 0, port: 70000 }));
    expect(e.message).toContain('2 problems');
    expect(e.message).toContain('speed');
    expect(e.message).toContain('port');
  });

  it('takes trusted proxies as addresses, CIDR ranges or range names, and names a bad one', () => {
    const s = resolveUpConfig({}, { auth: { trustedProxies: ['10.0.0.0/8', '192.168.1.7', 'fd00::/8', '::1', 'loopback'] } }, 'up.yaml');
    expect(s.auth.trustedProxies).toEqual(['10.0.0.0/8', '192.168.1.7', 'fd00::/8', '::1', 'loopback']);
    for (const bad of ['10.0.0.0/33', '300.1.1.1', '1.2.3.4/8/8', 'fd00::/129', '::1:2:3:4:5:6:7:8:9']) {
      const e = problem(() => resolveUpConfig({}, { auth: { trustedProxies: ['127.0.0.1', bad] } }, 'up.yaml'));
      expect(e.code).toBe('CONFIG_INVALID');
      expect(e.describe()).toContain('auth.trustedProxies[1]');
      expect(e.describe()).toContain(bad);
      expect(e.describe()).toContain('up.yaml');
    }
    // Not an address at all: refused by the schema, naming the key.
    expect(problem(() => resolveUpConfig({}, { auth: { trustedProxies: ['nginx'] } }, 'up.yaml')).describe()).toContain('trustedProxies');
  });

  it('refuses a config file that is not a mapping', () => {
    expect(problem(() => resolveUpConfig({}, ['a'], 'up.yaml')).code).toBe('CONFIG_INVALID');
  });
});

describe('readUpConfigFile', () => {
  it('reads YAML, and names the file when it cannot', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zenith-upconfig-'));
    const good = join(dir, 'up.yaml');
    writeFileSync(good, 'speed: 30\nsimulator:\n  seed: 3\n');
    expect(readUpConfigFile(good)).toEqual({ speed: 30, simulator: { seed: 3 } });
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'speed: [1\n');
    const e = problem(() => readUpConfigFile(bad));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.describe()).toContain('bad.yaml');
    expect(problem(() => readUpConfigFile(join(dir, 'missing.yaml'))).code).toBe('CONFIG_UNREADABLE');
  });
});
