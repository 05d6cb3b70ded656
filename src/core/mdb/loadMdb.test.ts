import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMdb } from './loadMdb.ts';

const DATA = resolve('../shared/data');
const PUS = ['dt', 'pus', 'pus5', 'pus11', 'pus17', 'landing'].map((n) => `${DATA}/xtce/yamcs-pus-example/${n}.xml`);
const SETS: readonly (readonly string[])[] = [
  [`${DATA}/xtce/ccsds-green-book/ccsds-green-book.xml`],
  PUS,
  [`${DATA}/xtce/bogussat/BogusSAT-1.xml`],
  [`${DATA}/xtce/bogussat/BogusSAT-2.xml`],
  [`${DATA}/ccsds-packets/ctim/ctim_xtce_v1.xml`],
  [`${DATA}/ccsds-packets/suda/suda_combined_science_definition.xml`],
];

const PUS_TEXT_PUS = PUS[1] === undefined ? undefined : readFileSync(PUS[1], 'utf8');

function load(paths: readonly string[]) {
  return loadMdb(paths.map((p) => ({ name: basename(p), text: readFileSync(p, 'utf8') })));
}

/** Counts definition elements with a regex over the text, comments removed: an independent count. */
function regexCount(paths: readonly string[], element: string): number {
  let n = 0;
  for (const p of paths) {
    const text = readFileSync(p, 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    n += [...text.matchAll(new RegExp(`<(?:\\w+:)?${element}[\\s/>]`, 'g'))].length;
  }
  return n;
}

function lineOf(path: string, needle: string): number {
  const lines = readFileSync(path, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not in ${path}`);
  return i + 1;
}

describe('loadMdb on every XTCE file of the reference data', () => {
  for (const set of SETS) {
    it(`loads ${set.map((p) => basename(p)).join(', ')} with counts equal to the element counts`, () => {
      const { mdb, unsupported } = load(set);
      expect(mdb.counts()).toEqual({
        parameters: regexCount(set, 'Parameter'),
        containers: regexCount(set, 'SequenceContainer'),
        commands: regexCount(set, 'MetaCommand'),
      });
      // Every unsupported construct points at a line that holds its start tag.
      for (const u of unsupported) {
        const path = set.find((p) => basename(p) === u.file) ?? '';
        const line = readFileSync(path, 'utf8').split('\n')[u.line - 1] ?? '';
        expect(line).toMatch(new RegExp(`<(\\w+:)?${u.element}\\b`));
        expect(u.path.endsWith(u.element) || u.path.includes(`${u.element}[`)).toBe(true);
      }
    });
  }

  it('loads the well-formed reference databases without problems', () => {
    for (const set of [SETS[1], SETS[4], SETS[5]]) expect(load(set ?? []).problems.map((p) => p.describe())).toEqual([]);
  });

  it('resolves cross-file references of the Yamcs PUS database (absolute and ../ paths)', () => {
    const { mdb } = load(PUS);
    expect(mdb.container('/PUS5/pus5-tm')?.base?.qualifiedName).toBe('/PUS/pus-tm');
    const power = mdb.container('/SIMULATOR/Power');
    expect(power?.base?.qualifiedName).toBe('/PUS/hk25');
    expect(power?.restriction).toMatchObject({ kind: 'and', terms: [{ kind: 'comparison', value: '1' }] });
    // A nested space system finds its parent's container by a relative name.
    expect(mdb.container('/PUS11/DETAIL_REPORT/DETAIL_REPORT')?.base?.qualifiedName).toBe('/PUS11/pus11-tm');
    // Types given by baseType in another file keep the base encoding.
    const source = mdb.parameter('/PUS11/DETAIL_REPORT/source');
    expect(source?.type?.encoding).toMatchObject({ kind: 'integer', sizeInBits: 16, signedness: 'unsigned' });
    expect(mdb.parameter('/SIMULATOR/BatteryVoltage2')?.type?.encoding).toMatchObject({ calibrator: { kind: 'polynomial', coefficients: [1, 2] } });
    expect(mdb.command('/PUS11/ENABLE_SCHEDULER')?.base?.base?.qualifiedName).toBe('/PUS/pus-tc');
    expect(mdb.summary().map((s) => s.qualifiedName)).toEqual(['/dt', '/PUS', '/PUS5', '/PUS11', '/PUS17', '/SIMULATOR']);
  });

  it('reads alarms, spline calibrators and aggregate members of BogusSAT-1 (pre-1.2 namespace)', () => {
    const { mdb } = load(SETS[2] ?? []);
    const withAlarm = [...mdb.parameters.values()].filter((p) => (p.type?.alarm?.ranges.length ?? 0) > 0);
    expect(withAlarm.length).toBeGreaterThan(0);
    const spline = [...mdb.types.values()].filter((t) => t.encoding !== null && 'calibrator' in t.encoding && t.encoding.calibrator?.kind === 'spline');
    expect(spline.length).toBeGreaterThan(0);
  });

  it('reports the deliberate errors of BogusSAT-2 with their lines and element paths', () => {
    const path = SETS[3]?.[0] ?? '';
    const { problems } = load([path]);
    const broken1 = problems.find((p) => p.context.path?.endsWith('Parameter[BrokenParameter1]'));
    expect(broken1?.code).toBe('XTCE_UNRESOLVED_REF');
    expect(broken1?.context.line).toBe(lineOf(path, 'name="BrokenParameter1"'));
    expect(broken1?.message).toContain('Type_Does_Not_Exist');
    const broken2 = problems.filter((p) => p.context.path?.endsWith('Parameter[BrokenParameter2]'));
    expect(broken2.map((p) => p.code).sort()).toEqual(['XTCE_MISSING_ATTRIBUTE', 'XTCE_UNKNOWN_ATTRIBUTE']);
    expect(broken2[0]?.context.line).toBe(lineOf(path, 'name="BrokenParameter2"'));
    for (const p of problems) {
      expect(p.context.file).toBe('BogusSAT-2.xml');
      expect(p.context.line).toBeGreaterThan(0);
      expect(p.context.path).toMatch(/^SpaceSystem\[BogusSAT\]/);
    }
  });

  it('reports constructs it does not support instead of skipping them', () => {
    const { unsupported } = load(PUS);
    expect(unsupported).toContainEqual({
      file: 'pus.xml',
      line: lineOf(PUS[1] ?? '', '<VerifierSet'),
      path: 'SpaceSystem[PUS]/CommandMetaData/MetaCommandSet/MetaCommand[pus-tc]/VerifierSet',
      element: 'VerifierSet',
    });
    // The Yamcs CUC time algorithm is understood; another algorithm is not.
    expect(unsupported.some((u) => u.element.endsWith('TransformAlgorithm'))).toBe(false);
    const other = (PUS_TEXT_PUS ?? '').replace('org.yamcs.algo.TimeBinaryDecoder', 'org.example.Other');
    const withOther = loadMdb([{ name: 'pus.xml', text: other }]).unsupported.map((u) => u.element);
    expect(withOther).toContain('FromBinaryTransformAlgorithm');
    const doc = `<SpaceSystem name="X" xmlns="http://www.omg.org/spec/XTCE/20180204"><TelemetryMetaData>
      <ParameterTypeSet><RelativeTimeParameterType name="r"/></ParameterTypeSet></TelemetryMetaData></SpaceSystem>`;
    expect(loadMdb([{ name: 'x.xml', text: doc }]).unsupported).toEqual([
      { file: 'x.xml', line: 2, path: 'SpaceSystem[X]/TelemetryMetaData/ParameterTypeSet/RelativeTimeParameterType[r]', element: 'RelativeTimeParameterType' },
    ]);
  });

  it('rejects malformed XML and foreign namespaces with a located problem', () => {
    const bad = loadMdb([{ name: 'bad.xml', text: '<SpaceSystem name="A">\n  <TelemetryMetaData>\n</SpaceSystem>' }]);
    expect(bad.problems[0]?.code).toBe('XML_MALFORMED');
    expect(bad.problems[0]?.context.line).toBe(3);
    const foreign = loadMdb([{ name: 'f.xml', text: '<SpaceSystem name="A" xmlns="urn:other"/>' }]);
    expect(foreign.problems[0]?.code).toBe('XTCE_NOT_XTCE');
    const twice = loadMdb([
      { name: 'a.xml', text: '<SpaceSystem name="A"/>' },
      { name: 'b.xml', text: '<SpaceSystem name="A"/>' },
    ]);
    expect(twice.problems[0]).toMatchObject({ code: 'XTCE_DUPLICATE', context: { file: 'b.xml', line: 1 } });
  });
});
