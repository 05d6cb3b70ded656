// Loads an XTCE mission database from one or more files given as text (no I/O here): XTCE 1.2
// (`http://www.omg.org/spec/XTCE/20180204`), the older `http://www.omg.org/space/xtce` namespace
// and no namespace. Each file's root SpaceSystem becomes a child of `/`, so `/dt/uint16` written in
// one file finds a type of another, as in a Yamcs MDB split over several files.
import { ZenithError, isZenithError } from '../errors/index.ts';
import { LoadContext, consumeMeta, newSpaceSystem, sourceOf } from './LoadContext.ts';
import type { DefKind } from './LoadContext.ts';
import { MissionDatabase } from './MissionDatabase.ts';
import type { SpaceSystem, Unsupported } from './model.ts';
import { buildCommand, buildCommandContainer } from './readCommands.ts';
import { buildContainer } from './readContainers.ts';
import { buildParameter, buildType, typeKindOf } from './readTypes.ts';
import { childNamed, childrenNamed, consumeDeep, parseXml, unconsumed } from './xmlTree.ts';
import type { XmlElement } from './xmlTree.ts';

export const XTCE_NAMESPACES: readonly string[] = ['http://www.omg.org/spec/XTCE/20180204', 'http://www.omg.org/space/xtce', ''];

export interface MdbFile {
  /** Shown in messages (usually the path the text was read from). */
  readonly name: string;
  readonly text: string;
}

export interface LoadMdbResult {
  readonly mdb: MissionDatabase;
  /** Errors in the files (unresolved references, bad values, malformed XML), each with file, line and path. */
  readonly problems: ZenithError[];
  /** Constructs Zenith does not support yet, by element path and line. */
  readonly unsupported: Unsupported[];
}

interface Registered {
  system: SpaceSystem;
  kind: DefKind;
  element: XmlElement;
}

/** Loads the files as one database, in the order given. Never throws for bad input: see `problems`. */
export function loadMdb(files: readonly MdbFile[]): LoadMdbResult {
  const root = newSpaceSystem('', null, null);
  const ctx = new LoadContext(root);
  const trees: XmlElement[] = [];
  const registered: Registered[] = [];
  for (const file of files) {
    let tree: XmlElement;
    try {
      tree = parseXml(file.text, file.name);
    } catch (error) {
      if (isZenithError(error)) {
        ctx.problems.push(error);
        continue;
      }
      throw error;
    }
    if (tree.name !== 'SpaceSystem' || !XTCE_NAMESPACES.includes(tree.ns)) {
      ctx.problem(
        'XTCE_NOT_XTCE',
        `expected a root SpaceSystem element in an XTCE namespace (${XTCE_NAMESPACES.filter((n) => n !== '').join(', ')} or none), found ${tree.name}${tree.ns === '' ? '' : ` in ${tree.ns}`}`,
        tree,
      );
      continue;
    }
    trees.push(tree);
    register(ctx, tree, root, registered);
  }
  const counts = { parameters: 0, containers: 0, commands: 0 };
  for (const r of registered) {
    if (r.kind === 'parameterType' || r.kind === 'argumentType') {
      const t = buildType(ctx, r.system, r.element, r.kind === 'parameterType' ? 'parameter' : 'argument');
      if (t !== null) (r.kind === 'parameterType' ? r.system.parameterTypes : r.system.argumentTypes).set(t.name, t);
    } else if (r.kind === 'parameter') {
      counts.parameters++;
      const p = buildParameter(ctx, r.system, r.element);
      if (p !== null) r.system.parameters.set(p.name, p);
    } else if (r.kind === 'container') {
      counts.containers++;
      const c = buildContainer(ctx, r.system, r.element);
      if (c !== null) r.system.containers.set(c.name, c);
    } else if (r.kind === 'commandContainer') {
      buildCommandContainer(ctx, r.system, r.element);
    } else {
      counts.commands++;
      const m = buildCommand(ctx, r.system, r.element);
      if (m !== null) r.system.commands.set(m.name, m);
    }
  }
  const unsupported: Unsupported[] = [];
  for (const tree of trees) {
    for (const el of unconsumed(tree)) unsupported.push({ file: el.file, path: el.path, line: el.line, element: el.name });
  }
  return { mdb: new MissionDatabase(root, counts), problems: ctx.problems, unsupported };
}

function register(ctx: LoadContext, el: XmlElement, parent: SpaceSystem, out: Registered[]): void {
  const name = el.attrs['name'];
  if (name === undefined || name === '') {
    ctx.problem('XTCE_MISSING_ATTRIBUTE', 'expected attribute name on SpaceSystem, found none', el, 'name');
    consumeDeep(el);
    return;
  }
  if (parent.children.some((c) => c.name === name)) {
    ctx.problem('XTCE_DUPLICATE', `expected unique space system names under ${parent.qualifiedName}, found a second ${name}`, el, 'name');
    consumeDeep(el);
    return;
  }
  const system = newSpaceSystem(name, parent, sourceOf(el));
  parent.children.push(system);
  consumeMeta(el);
  const header = childNamed(el, 'Header');
  if (header !== null) consumeDeep(header);
  const defs = ctx.defs(system);
  const add = (kind: DefKind, child: XmlElement, key: string): void => {
    const map = defs[kind];
    const n = child.attrs['name'];
    if (n === undefined) {
      ctx.problem('XTCE_MISSING_ATTRIBUTE', `expected attribute name on ${child.name}, found none`, child, 'name');
      return;
    }
    if (map.has(n)) {
      ctx.problem('XTCE_DUPLICATE', `expected unique ${key} names in ${system.qualifiedName}, found a second ${n}`, child, 'name');
      if (kind === 'parameter' || kind === 'container' || kind === 'command') out.push({ system, kind, element: child });
      return;
    }
    map.set(n, child);
    out.push({ system, kind, element: child });
  };
  for (const md of [childNamed(el, 'TelemetryMetaData'), childNamed(el, 'CommandMetaData')]) {
    if (md === null) continue;
    for (const set of childrenNamed(md, 'ParameterTypeSet')) {
      for (const t of set.children) if (typeKindOf(t) !== null) add('parameterType', t, 'parameter type');
    }
    for (const set of childrenNamed(md, 'ArgumentTypeSet')) {
      for (const t of set.children) if (typeKindOf(t) !== null) add('argumentType', t, 'argument type');
    }
    for (const set of childrenNamed(md, 'ParameterSet')) {
      for (const p of set.children) if (p.name === 'Parameter') add('parameter', p, 'parameter');
    }
    for (const set of childrenNamed(md, 'ContainerSet')) {
      for (const c of set.children) if (c.name === 'SequenceContainer') add('container', c, 'container');
    }
    for (const set of childrenNamed(md, 'MetaCommandSet')) {
      for (const m of set.children) {
        if (m.name !== 'MetaCommand') continue;
        add('command', m, 'meta-command');
        const cc = m.children.find((c) => c.name === 'CommandContainer');
        if (cc !== undefined) add('commandContainer', cc, 'command container');
      }
    }
    for (const set of childrenNamed(md, 'CommandContainerSet')) {
      for (const c of set.children) if (c.name === 'CommandContainer') add('commandContainer', c, 'command container');
    }
  }
  for (const child of childrenNamed(el, 'SpaceSystem')) register(ctx, child, system, out);
}
