// The mission database as the API shows it: the space-system tree with its parameters, and name
// lookups that refuse names the database does not hold (traversal, quotes and control characters
// in a name are just names that do not exist). When the fleet shares one database and each
// spacecraft's values are stored under its own prefix (`/ZEN-GEO/DEMO/BAT_VOLTAGE`), the tree has
// one branch per spacecraft and names carry the prefix.
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

function spaceSystemView(s: SpaceSystem, prefix: string): SpaceSystemView {
  return {
    name: s.name,
    qualifiedName: prefix + s.qualifiedName,
    parameters: [...s.parameters.values()].map((p) => ({
      name: p.name,
      qualifiedName: prefix + p.qualifiedName,
      type: typeName(p.type),
      units: units(p.type),
      description: p.shortDescription,
    })),
    spaceSystems: s.children.map((c) => spaceSystemView(c, prefix)),
  };
}

/** The database and, where values are stored per spacecraft, each spacecraft's name prefix. */
export interface ParameterSpace {
  readonly mdb: MissionDatabase;
  readonly parameterPrefixes?: readonly string[] | undefined;
}

export function parameterTree(space: ParameterSpace): { spaceSystems: SpaceSystemView[] } {
  const { mdb, parameterPrefixes = [] } = space;
  if (parameterPrefixes.length === 0) return { spaceSystems: mdb.root.children.map((s) => spaceSystemView(s, '')) };
  return {
    spaceSystems: parameterPrefixes.map((prefix) => ({
      name: prefix.slice(prefix.lastIndexOf('/') + 1),
      qualifiedName: prefix,
      parameters: [],
      spaceSystems: mdb.root.children.map((s) => spaceSystemView(s, prefix)),
    })),
  };
}

/** A parameter of the database and the name its values are stored under. */
export interface ResolvedParameter {
  readonly parameter: Parameter;
  /** The stored (and shown) name: the prefix, if any, then the database's qualified name. */
  readonly qualifiedName: string;
}

function unknownParameter(name: string, field: string, hint: string): never {
  throw notFound('UNKNOWN_PARAMETER', `expected a parameter of the mission database${hint}, found ${JSON.stringify(name.slice(0, 200))}`, field);
}

/**
 * The parameter named, or a 404 naming the field. Without prefixes: a qualified name or a unique
 * short name. With prefixes: a prefix followed by a qualified name (or a unique short name) of the
 * database, such as `/ZEN-GEO/DEMO/BAT_VOLTAGE` or `/ZEN-GEO/BAT_VOLTAGE`.
 */
export function resolveParameter(space: ParameterSpace, name: string, field: string): ResolvedParameter {
  if (name.length > MAX_NAME_LENGTH) throw badRequest('INVALID_REQUEST', `expected a parameter name of at most ${MAX_NAME_LENGTH} characters, found ${name.length}`, field);
  const { mdb, parameterPrefixes = [] } = space;
  if (parameterPrefixes.length === 0) {
    const p = mdb.parameter(name);
    if (p === undefined) unknownParameter(name, field, '');
    return { parameter: p, qualifiedName: p.qualifiedName };
  }
  for (const prefix of parameterPrefixes) {
    if (!name.startsWith(`${prefix}/`)) continue;
    const rest = name.slice(prefix.length);
    // A short name after the prefix is given without its leading slash by the database's lookup.
    const p = mdb.parameter(rest) ?? (rest.indexOf('/', 1) === -1 ? mdb.parameter(rest.slice(1)) : undefined);
    if (p !== undefined) return { parameter: p, qualifiedName: prefix + p.qualifiedName };
  }
  unknownParameter(name, field, ` under a spacecraft (${parameterPrefixes.map((x) => `${x}/...`).join(', ')})`);
}

/** The concrete command named (qualified, or a unique short name), or a 400 naming the field. */
export function resolveCommand(mdb: MissionDatabase, name: string, field: string): MetaCommand {
  const c = name.length > MAX_NAME_LENGTH ? undefined : mdb.command(name);
  if (c === undefined || c.abstract) {
    throw badRequest('UNKNOWN_COMMAND', `expected a command of the mission database (GET /api/commands), found ${JSON.stringify(name.slice(0, 200))}`, field);
  }
  return c;
}
