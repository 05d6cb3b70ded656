import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const PUS = ['dt', 'pus', 'pus5', 'pus11', 'pus17', 'landing'].map((n) => resolve(`../shared/data/xtce/yamcs-pus-example/${n}.xml`));
const BOGUS2 = resolve('../shared/data/xtce/bogussat/BogusSAT-2.xml');

function zenith(...args: string[]) {
  return spawnSync('node', ['bin/zenith.js', ...args], { encoding: 'utf8' });
}

function regexCount(paths: readonly string[], element: string): number {
  return paths
    .map((p) => readFileSync(p, 'utf8').replace(/<!--[\s\S]*?-->/g, ''))
    .reduce((n, t) => n + [...t.matchAll(new RegExp(`<(?:\\w+:)?${element}[\\s/>]`, 'g'))].length, 0);
}

describe('zenith mdb inspect', () => {
  it('prints the JSON shape with counts equal to the definition elements of the files', () => {
    const r = zenith('mdb', 'inspect', '--format', 'json', ...PUS);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['spaceSystems', 'parameters', 'containers', 'commands', 'unsupported']);
    expect(out['parameters']).toBe(regexCount(PUS, 'Parameter'));
    expect(out['containers']).toBe(regexCount(PUS, 'SequenceContainer'));
    expect(out['commands']).toBe(regexCount(PUS, 'MetaCommand'));
    const systems = out['spaceSystems'] as { name: string; spaceSystems: { qualifiedName: string }[] }[];
    expect(systems.map((s) => s.name)).toEqual(['dt', 'PUS', 'PUS5', 'PUS11', 'PUS17', 'SIMULATOR']);
    expect(systems[3]?.spaceSystems.map((s) => s.qualifiedName)).toEqual(['/PUS11/DETAIL_REPORT', '/PUS11/SUMMARY_REPORT']);
    const unsupported = out['unsupported'] as Record<string, unknown>[];
    expect(unsupported.length).toBeGreaterThan(0);
    for (const u of unsupported) expect(Object.keys(u)).toEqual(['path', 'line', 'element']);
  });

  it('prints the tree as text and reports file errors on stderr with exit code 2', () => {
    const r = zenith('mdb', 'inspect', BOGUS2);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^\/BogusSAT {2}parameters \d+/m);
    expect(r.stdout).toMatch(/^ {2}\/BogusSAT\/SC001 /m);
    const line = readFileSync(BOGUS2, 'utf8').split('\n').findIndex((l) => l.includes('name="BrokenParameter1"')) + 1;
    expect(r.stderr).toContain(`zenith: ${BOGUS2}:${line}:`);
    expect(r.stderr).toMatch(/\[XTCE_UNRESOLVED_REF\] expected parameterTypeRef to name a parameter type, found "Type_Does_Not_Exist"/);
  });

  it('fails with a located error for a missing file', () => {
    const r = zenith('mdb', 'inspect', 'no/such/file.xml');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^zenith: no\/such\/file\.xml: \[FILE_UNREADABLE\]/);
  });
});
