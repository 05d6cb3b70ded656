// The mission database as the API shows it: the space-system tree with its parameters, and name
// lookups that refuse names the database does not hold (traversal, quotes and control characters
// in a name are just names that do not exist).
import type { DataType, MetaCommand, MissionDatabase, Parameter, SpaceSystem } from '../../core/mdb/index.ts';
import { badRequest, notFound } from './ApiError.ts';

export const MAX_NAME_LENGTH = 512;

export interface SpaceSystemView {
  readonly name: string;
  readonly qualifiedName: string;
  readonly parameters: { name: string; qualifiedName: string; type: string; units: string; description: string }[];
  readonly spaceSystems: SpaceSystemView[];
}

function typeName(t: DataType | null): string {
  return t?.kind ?? 'unknown';
}

function units(t: DataType | null): string {
  return t?.units.join(' ') ?? '';
}

function spaceSystemView(s: SpaceSystem): SpaceSystemView {
  return {
    name: s.name,
    qualifiedName: s.qualifiedName,
    parameters: [...s.parameters.values()].map((p) => ({
      name: p.name,
      qualifiedName: p.qualifiedName,
      type: typeName(p.type),
      units: units(p.type),
      description: p.shortDescription,
    })),
    spaceSystems: s.children.map(spaceSystemView),
  };
}

export function parameterTree(mdb: MissionDatabase): { spaceSystems: SpaceSystemView[] } {
  return { spaceSystems: mdb.root.children.map(spaceSystemView) };
}

/** The parameter named (qualified, or a unique short name), or a 404 naming the field. */
export function resolveParameter(mdb: MissionDatabase, name: string, field: string): Parameter {
  if (name.length > MAX_NAME_LENGTH) throw badRequest('INVALID_REQUEST', `expected a parameter name of at most ${MAX_NAME_LENGTH} characters, found ${name.length}`, field);
  const p = mdb.parameter(name);
  if (p === undefined) throw notFound('UNKNOWN_PARAMETER', `expected a parameter of the mission database, found ${JSON.stringify(name.slice(0, 200))}`, field);
  return p;
}

/**
 * The name a parameter is archived under: the database's qualified name, or (as `zenith up`
 * archives each spacecraft's parameters under its own name) `/<spacecraft>` + a qualified name,
 * for a spacecraft of `fleet`. A 404 naming the field when it is neither.
 */
export function resolveParameterName(mdb: MissionDatabase, fleet: readonly string[], name: string, field: string): string {
  if (name.length <= MAX_NAME_LENGTH && name.startsWith('/')) {
    const slash = name.indexOf('/', 1);
    const spacecraft = slash < 0 ? '' : name.slice(1, slash);
    if (fleet.includes(spacecraft) && mdb.parameter(name) === undefined) {
      const rest = name.slice(slash);
      const p = mdb.parameter(rest);
      if (p?.qualifiedName === rest) return name;
    }
  }
  return resolveParameter(mdb, name, field).qualifiedName;
}

/** The concrete command named (qualified, or a unique short name), or a 400 naming the field. */
export function resolveCommand(mdb: MissionDatabase, name: string, field: string): MetaCommand {
  const c = name.length > MAX_NAME_LENGTH ? undefined : mdb.command(name);
  if (c === undefined || c.abstract) {
    throw badRequest('UNKNOWN_COMMAND', `expected a command of the mission database (GET /api/commands), found ${JSON.stringify(name.slice(0, 200))}`, field);
  }
  return c;
}
