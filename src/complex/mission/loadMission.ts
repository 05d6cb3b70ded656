// Reads a mission folder (mission.yaml + element file) into the fleet and station network the
// complex flies, failing at start-up with every mistake named by file and key.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import Value from 'typebox/value';
import { ZenithError } from '../../core/errors/index.ts';
import { parseElements } from '../../core/orbit/index.ts';
import type { ElementSet } from '../../core/orbit/index.ts';
import { configErrors } from './configErrors.ts';
import { MissionSchema } from './missionSchema.ts';
import type { MissionConfig, SpacecraftConfig, StationConfig } from './missionSchema.ts';

export interface MissionSpacecraft extends SpacecraftConfig {
  readonly elements: ElementSet;
}

export interface Mission {
  readonly name: string;
  readonly dir: string;
  readonly spacecraft: readonly MissionSpacecraft[];
  readonly stations: readonly StationConfig[];
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ZenithError('MISSION_UNREADABLE', `cannot read ${file}: ${(error as Error).message}`, { file }, { cause: error });
  }
}

function duplicates(names: readonly string[]): string[] {
  return names.filter((n, i) => names.indexOf(n) !== i);
}

/** Loads `dir/mission.yaml`; throws one ZenithError listing every problem found. */
export function loadMission(dir: string): Mission {
  const root = resolve(dir);
  const file = join(root, 'mission.yaml');
  const text = readText(file);
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new ZenithError('CONFIG_SYNTAX', `not valid YAML: ${(error as Error).message}`, { file }, { cause: error });
  }
  const problems = configErrors(MissionSchema, raw, file);
  if (problems.length > 0) throw combined(problems, file);
  const config: MissionConfig = Value.Parse(MissionSchema, raw);

  for (const name of duplicates(config.spacecraft.map((s) => s.name))) {
    problems.push(new ZenithError('CONFIG_INVALID', `spacecraft name ${name} is used twice`, { file, field: 'spacecraft' }));
  }
  for (const name of duplicates(config.stations.map((s) => s.name))) {
    problems.push(new ZenithError('CONFIG_INVALID', `station name ${name} is used twice`, { file, field: 'stations' }));
  }
  const elementsFile = join(root, config.elements);
  const parsed = parseElements(readText(elementsFile), { file: elementsFile });
  problems.push(...parsed.problems);
  const spacecraft: MissionSpacecraft[] = [];
  config.spacecraft.forEach((sc, i) => {
    const elements = parsed.elements.find((e) => e.catalogId === sc.catalogId);
    if (elements === undefined) {
      problems.push(
        new ZenithError('CONFIG_INVALID', `spacecraft[${i}].catalogId ${sc.catalogId} has no element set in ${config.elements}`, {
          file,
          field: `spacecraft[${i}].catalogId`,
        }),
      );
    } else {
      spacecraft.push({ ...sc, elements });
    }
  });
  if (problems.length > 0) throw combined(problems, file);
  return { name: config.name, dir: root, spacecraft, stations: config.stations };
}

function combined(problems: readonly ZenithError[], file: string): ZenithError {
  const first = problems[0];
  if (problems.length === 1 && first !== undefined) return first;
  return new ZenithError(
    'CONFIG_INVALID',
    `${problems.length} problems:\n${problems.map((p) => `  ${p.describe()}`).join('\n')}`,
    { file },
  );
}
