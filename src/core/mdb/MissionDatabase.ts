// The loaded mission database: the space-system tree and lookups by qualified name (`/PUS/apid`)
// or, where unique, by short name. Immutable once built by loadMdb.
import type { DataType, MetaCommand, Parameter, SequenceContainer, SpaceSystem } from './model.ts';

export interface SpaceSystemSummary {
  readonly name: string;
  readonly qualifiedName: string;
  readonly parameters: number;
  readonly containers: number;
  readonly commands: number;
  readonly spaceSystems: SpaceSystemSummary[];
}

export class MissionDatabase {
  readonly parameters = new Map<string, Parameter>();
  readonly containers = new Map<string, SequenceContainer>();
  readonly commands = new Map<string, MetaCommand>();
  readonly types = new Map<string, DataType>();
  private readonly byShortName = new Map<string, Parameter[]>();
  private readonly inheritors = new Map<SequenceContainer, SequenceContainer[]>();
  private readonly included = new Set<SequenceContainer>();

  /**
   * `root` is the unnamed space system `/` whose children are the loaded files' space systems.
   * `definitions` counts the definition elements read (duplicates included); by default the maps.
   */
  constructor(
    readonly root: SpaceSystem,
    private readonly definitions?: { readonly parameters: number; readonly containers: number; readonly commands: number },
  ) {
    const walk = (s: SpaceSystem): void => {
      for (const t of s.parameterTypes.values()) this.types.set(t.qualifiedName, t);
      for (const p of s.parameters.values()) {
        this.parameters.set(p.qualifiedName, p);
        const list = this.byShortName.get(p.name);
        if (list === undefined) this.byShortName.set(p.name, [p]);
        else list.push(p);
      }
      for (const c of s.containers.values()) this.containers.set(c.qualifiedName, c);
      for (const m of s.commands.values()) this.commands.set(m.qualifiedName, m);
      for (const child of s.children) walk(child);
    };
    walk(root);
    for (const c of this.containers.values()) {
      if (c.base !== null) {
        const list = this.inheritors.get(c.base);
        if (list === undefined) this.inheritors.set(c.base, [c]);
        else list.push(c);
      }
      for (const e of c.entries) if (e.kind === 'container') this.included.add(e.container);
    }
  }

  /** A parameter by qualified name, or by short name when exactly one parameter has it. */
  parameter(name: string): Parameter | undefined {
    if (name.startsWith('/')) return this.parameters.get(name);
    const list = this.byShortName.get(name);
    return list?.length === 1 ? list[0] : undefined;
  }

  container(name: string): SequenceContainer | undefined {
    return name.startsWith('/') ? this.containers.get(name) : uniqueByName(this.containers, name);
  }

  command(name: string): MetaCommand | undefined {
    return name.startsWith('/') ? this.commands.get(name) : uniqueByName(this.commands, name);
  }

  spaceSystem(qualifiedName: string): SpaceSystem | undefined {
    if (qualifiedName === '/') return this.root;
    let at: SpaceSystem | undefined = this.root;
    for (const part of qualifiedName.split('/').filter((p) => p !== '')) {
      at = at.children.find((c) => c.name === part);
      if (at === undefined) return undefined;
    }
    return at;
  }

  /** Containers that name `container` as their BaseContainer, in definition order. */
  inheritorsOf(container: SequenceContainer): readonly SequenceContainer[] {
    return this.inheritors.get(container) ?? [];
  }

  /**
   * Where packet decoding starts: containers without a base that are not merely included by
   * others through a ContainerRefEntry (unless something inherits from them).
   */
  rootContainers(): SequenceContainer[] {
    return [...this.containers.values()].filter(
      (c) => c.base === null && (!this.included.has(c) || this.inheritorsOf(c).length > 0),
    );
  }

  /** Counts of Parameter, SequenceContainer and MetaCommand definitions. */
  counts(): { parameters: number; containers: number; commands: number } {
    if (this.definitions !== undefined) return { ...this.definitions };
    return { parameters: this.parameters.size, containers: this.containers.size, commands: this.commands.size };
  }

  /** The space-system tree with per-system counts (the root `/` itself is not listed). */
  summary(): SpaceSystemSummary[] {
    const sum = (s: SpaceSystem): SpaceSystemSummary => ({
      name: s.name,
      qualifiedName: s.qualifiedName,
      parameters: s.parameters.size,
      containers: s.containers.size,
      commands: s.commands.size,
      spaceSystems: s.children.map(sum),
    });
    return this.root.children.map(sum);
  }
}

function uniqueByName<T extends { readonly name: string }>(map: ReadonlyMap<string, T>, name: string): T | undefined {
  let found: T | undefined;
  for (const v of map.values()) {
    if (v.name !== name) continue;
    if (found !== undefined) return undefined;
    found = v;
  }
  return found;
}
