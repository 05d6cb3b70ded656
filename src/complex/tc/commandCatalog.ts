// What the mission database offers to command (docs/api.md, `GET /api/commands`): every concrete
// meta-command with the arguments an operator fills in (those fixed by an ArgumentAssignment of
// the command or its bases are left out), their types, units, ranges, choices and defaults.
import type { Argument, MetaCommand, MissionDatabase } from '../../core/mdb/index.ts';

export interface CatalogArgument {
  readonly name: string;
  /** The XTCE type kind: integer, float, enumerated, boolean, string, binary, absoluteTime, aggregate, array. */
  readonly type: string;
  readonly units?: string;
  readonly min?: number;
  readonly max?: number;
  readonly values?: readonly string[];
  readonly default?: string;
}

export interface CatalogCommand {
  /** The qualified name, e.g. `/PUS/PUS17/ARE_YOU_ALIVE`. */
  readonly name: string;
  readonly description: string;
  readonly critical: boolean;
  readonly arguments: readonly CatalogArgument[];
}

/** The arguments an operator supplies, base commands' first, without those the chain fixes. */
export function openArguments(command: MetaCommand): Argument[] {
  const chain: MetaCommand[] = [];
  for (let c: MetaCommand | null = command; c !== null && !chain.includes(c); c = c.base) chain.unshift(c);
  const fixed = new Set<string>();
  for (const c of chain) for (const name of c.assignments.keys()) fixed.add(name);
  const out = new Map<string, Argument>();
  for (const c of chain) for (const a of c.arguments) if (!fixed.has(a.name)) out.set(a.name, a);
  return [...out.values()];
}

function describeArgument(a: Argument): CatalogArgument {
  const t = a.type;
  const range = t?.validRange ?? null;
  const values =
    t?.kind === 'enumerated' ? t.enumerations.map((e) => e.label) : t?.kind === 'boolean' ? [t.zeroString, t.oneString] : undefined;
  return {
    name: a.name,
    type: t?.kind ?? 'unknown',
    ...(t !== null && t.units.length > 0 ? { units: t.units.join(' ') } : {}),
    ...(range?.min === null || range?.min === undefined ? {} : { min: range.min }),
    ...(range?.max === null || range?.max === undefined ? {} : { max: range.max }),
    ...(values === undefined ? {} : { values }),
    ...(a.initialValue === null ? {} : { default: a.initialValue }),
  };
}

/** The concrete commands of `mdb`, by qualified name; `critical` says which are hazardous. */
export function commandCatalog(mdb: MissionDatabase, critical: (command: MetaCommand) => boolean): CatalogCommand[] {
  return [...mdb.commands.values()]
    .filter((c) => !c.abstract)
    .sort((a, b) => (a.qualifiedName < b.qualifiedName ? -1 : a.qualifiedName > b.qualifiedName ? 1 : 0))
    .map((c) => ({ name: c.qualifiedName, description: c.shortDescription, critical: critical(c), arguments: openArguments(c).map(describeArgument) }));
}
