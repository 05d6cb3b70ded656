import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMdb } from './loadMdb.ts';

describe('MissionDatabase', () => {
  const suda = loadMdb([{ name: 'suda.xml', text: readFileSync(resolve('../shared/data/ccsds-packets/suda/suda_combined_science_definition.xml'), 'utf8') }]).mdb;

  it('starts decoding at the root container, not at containers only included by others', () => {
    expect(suda.rootContainers().map((c) => c.qualifiedName)).toEqual(['/IDEX/CCSDSPacket']);
    const fetch = suda.container('IDX_SCIFETCH');
    expect(fetch === undefined ? [] : suda.inheritorsOf(fetch).map((c) => c.name)).toEqual(['SciFetchTypeZero', 'SciFetchTypeNonZero']);
  });

  it('finds definitions by qualified name, or by short name when it is unique', () => {
    expect(suda.parameter('/IDEX/PKT_APID')?.name).toBe('PKT_APID');
    expect(suda.parameter('PKT_APID')?.qualifiedName).toBe('/IDEX/PKT_APID');
    expect(suda.spaceSystem('/IDEX')?.parameters.size).toBe(207);
    const twice = loadMdb([
      { name: 'a.xml', text: '<SpaceSystem name="A"><TelemetryMetaData><ParameterSet><Parameter name="p" parameterTypeRef="/B/t"/></ParameterSet></TelemetryMetaData></SpaceSystem>' },
      { name: 'b.xml', text: '<SpaceSystem name="B"><TelemetryMetaData><ParameterTypeSet><IntegerParameterType name="t"/></ParameterTypeSet><ParameterSet><Parameter name="p" parameterTypeRef="t"/></ParameterSet></TelemetryMetaData></SpaceSystem>' },
    ]).mdb;
    expect(twice.parameter('p')).toBeUndefined();
    expect(twice.parameter('/A/p')?.type?.qualifiedName).toBe('/B/t');
    expect(twice.counts()).toEqual({ parameters: 2, containers: 0, commands: 0 });
  });
});
