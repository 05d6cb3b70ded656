// Shared state of one loadMdb run: the space-system tree with the raw XML of every definition,
// XTCE name resolution (absolute `/A/B/x`, relative `x`, `./x`, `../x`, `Sub/x`, searched upwards
// through the enclosing space systems as Yamcs does), memoised building, and the problem list.
import { ZenithError } from '../errors/index.ts';
import type { SourceRef, SpaceSystem } from './model.ts';
import { consumeNamed } from './xmlTree.ts';
import type { XmlElement } from './xmlTree.ts';

export type DefKind = 'parameterType' | 'argumentType' | 'parameter' | 'container' | 'command' | 'commandContainer';

export interface RawDefs {
  readonly parameterType: Map<string, XmlElement>;
  readonly argumentType: Map<string, XmlElement>;
  readonly parameter: Map<string, XmlElement>;
  readonly container: Map<string, XmlElement>;
  readonly command: Map<string, XmlElement>;
  readonly commandContainer: Map<string, XmlElement>;
}

export interface Resolved {
  readonly system: SpaceSystem;
  readonly element: XmlElement;
  /** Aggregate member names after the item (parameters only). */
  readonly memberPath: readonly string[];
}

const IN_PROGRESS = Symbol('in progress');

export function sourceOf(el: XmlElement): SourceRef {
  return { file: el.file, line: el.line, path: el.path };
}

export function newSpaceSystem(name: string, parent: SpaceSystem | null, source: SourceRef | null): SpaceSystem {
  const qualifiedName = parent === null ? '/' : parent.qualifiedName === '/' ? `/${name}` : `${parent.qualifiedName}/${name}`;
  return {
    name,
    qualifiedName,
    parent,
    children: [],
    parameterTypes: new Map(),
    argumentTypes: new Map(),
    parameters: new Map(),
    containers: new Map(),
    commands: new Map(),
    source,
  };
}

export class LoadContext {
  readonly problems: ZenithError[] = [];
  readonly raw = new Map<SpaceSystem, RawDefs>();
  private readonly memo = new Map<XmlElement, unknown>();

  constructor(readonly root: SpaceSystem) {}

  defs(system: SpaceSystem): RawDefs {
    let d = this.raw.get(system);
    if (d === undefined) {
      d = {
        parameterType: new Map(),
        argumentType: new Map(),
        parameter: new Map(),
        container: new Map(),
        command: new Map(),
        commandContainer: new Map(),
      };
      this.raw.set(system, d);
    }
    return d;
  }

  problem(code: string, message: string, el: XmlElement, field?: string): void {
    this.problems.push(
      new ZenithError(code, message, {
        file: el.file,
        line: el.line,
        column: el.column,
        path: el.path,
        ...(field === undefined ? {} : { field }),
      }),
    );
  }

  /**
   * Builds the object of a definition element once. A definition that (indirectly) needs itself
   * is a cycle: reported, and null is returned.
   */
  build<T>(el: XmlElement, make: () => T | null): T | null {
    const known = this.memo.get(el);
    if (known === IN_PROGRESS) {
      this.problem('XTCE_CYCLE', `expected a definition that does not depend on itself, found a cycle through ${el.path}`, el);
      return null;
    }
    if (known !== undefined) return known as T | null;
    this.memo.set(el, IN_PROGRESS);
    const value = make();
    this.memo.set(el, value);
    return value;
  }

  /** Resolves `ref` (as written in `from`) to a definition of `kind`; null if there is none. */
  resolve(from: SpaceSystem, ref: string, kind: DefKind): Resolved | null {
    const direct = this.resolvePath(from, ref, kind);
    if (direct !== null || kind !== 'parameter') return direct;
    // Aggregate members: `P/member/...` (xtcetools) or `P.member` (Yamcs).
    const parts = ref.split('/');
    for (let k = parts.length - 1; k >= 1; k--) {
      const head = parts.slice(0, k).join('/');
      const found = this.resolvePath(from, head, kind);
      if (found !== null) return { ...found, memberPath: parts.slice(k) };
    }
    const last = parts[parts.length - 1] ?? '';
    const dot = last.indexOf('.');
    if (dot > 0) {
      const head = [...parts.slice(0, -1), last.slice(0, dot)].join('/');
      const found = this.resolvePath(from, head, kind);
      if (found !== null) return { ...found, memberPath: last.slice(dot + 1).split('.') };
    }
    return null;
  }

  private resolvePath(from: SpaceSystem, ref: string, kind: DefKind): Resolved | null {
    if (ref === '') return null;
    const absolute = ref.startsWith('/');
    const parts = (absolute ? ref.slice(1) : ref).split('/');
    const name = parts.pop() ?? '';
    const starts: SpaceSystem[] = [];
    if (absolute) starts.push(this.root);
    else if (parts[0] === '.' || parts[0] === '..') starts.push(from);
    else for (let s: SpaceSystem | null = from; s !== null; s = s.parent) starts.push(s);
    for (const start of starts) {
      let at: SpaceSystem | null = start;
      for (const part of parts) {
        if (at === null) break;
        if (part === '.' || part === '') continue;
        if (part === '..') at = at.parent;
        else at = at.children.find((c) => c.name === part) ?? null;
      }
      if (at === null) continue;
      const element = this.raw.get(at)?.[kind].get(name);
      if (element !== undefined) return { system: at, element, memberPath: [] };
    }
    return null;
  }
}

/** Reads a number attribute; reports and returns `fallback` when it is not a finite number. */
export function numberAttr(ctx: LoadContext, el: XmlElement, name: string, fallback: number): number {
  const text = el.attrs[name];
  if (text === undefined) return fallback;
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value)) {
    ctx.problem('XTCE_BAD_NUMBER', `expected a number in attribute ${name}, found "${text}"`, el, name);
    return fallback;
  }
  return value;
}

/** Reads a number from an element's text; reports and returns `fallback` when it is not one. */
export function numberText(ctx: LoadContext, el: XmlElement, fallback: number): number {
  const value = Number(el.text);
  if (el.text === '' || !Number.isFinite(value)) {
    ctx.problem('XTCE_BAD_NUMBER', `expected a number in ${el.name}, found "${el.text}"`, el);
    return fallback;
  }
  return value;
}

export function boolAttr(el: XmlElement, name: string, fallback: boolean): boolean {
  const text = el.attrs[name];
  if (text === undefined) return fallback;
  return text.trim() === 'true' || text.trim() === '1';
}

/** Documentation and tool-specific metadata that every named element may carry; kept out of the model. */
export function consumeMeta(el: XmlElement): void {
  el.consumed = true;
  consumeNamed(el, 'LongDescription', 'AliasSet', 'AncillaryDataSet');
}
