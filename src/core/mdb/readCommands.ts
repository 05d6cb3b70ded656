// Reads XTCE meta-commands (XTCE 1.2 §3.5, CCSDS 660.0-B-2 §4.3.3): inheritance through
// BaseMetaCommand with argument assignments, argument lists with their types, and command
// containers of fixed values, argument, parameter and container references.
import { LoadContext, boolAttr, consumeMeta, numberAttr, sourceOf } from './LoadContext.ts';
import type { Argument, CommandContainer, CommandEntry, ConsequenceLevel, MetaCommand, SequenceContainer, Significance, SpaceSystem } from './model.ts';
import { buildContainer, readCriteria, readEntryCommon } from './readContainers.ts';
import { parameterRef, typeRef } from './readTypes.ts';
import { childNamed, childrenNamed } from './xmlTree.ts';
import type { XmlElement } from './xmlTree.ts';

export function commandRef(ctx: LoadContext, system: SpaceSystem, ref: string, el: XmlElement, attr: string): MetaCommand | null {
  const found = ctx.resolve(system, ref, 'command');
  if (found === null) {
    ctx.problem('XTCE_UNRESOLVED_REF', `expected ${attr} to name a meta-command, found "${ref}" which does not exist`, el, attr);
    return null;
  }
  return buildCommand(ctx, found.system, found.element);
}

export function buildCommand(ctx: LoadContext, system: SpaceSystem, el: XmlElement): MetaCommand | null {
  return ctx.build(el, () => {
    consumeMeta(el);
    const name = el.attrs['name'] ?? '';
    let base: MetaCommand | null = null;
    const assignments = new Map<string, string>();
    const baseEl = childNamed(el, 'BaseMetaCommand');
    if (baseEl !== null) {
      base = commandRef(ctx, system, baseEl.attrs['metaCommandRef'] ?? '', baseEl, 'metaCommandRef');
      const list = childNamed(baseEl, 'ArgumentAssignmentList');
      for (const a of list === null ? [] : childrenNamed(list, 'ArgumentAssignment')) {
        const argName = a.attrs['argumentName'] ?? '';
        const value = a.attrs['argumentValue'] ?? '';
        if (base !== null && !allArguments(base).some((x) => x.name === argName)) {
          ctx.problem('XTCE_UNRESOLVED_REF', `expected argumentName to name an argument of ${base.name}, found "${argName}"`, a, 'argumentName');
        }
        assignments.set(argName, value);
      }
    }
    const args: Argument[] = [];
    const argList = childNamed(el, 'ArgumentList');
    for (const a of argList === null ? [] : childrenNamed(argList, 'Argument')) {
      consumeMeta(a);
      const ref = a.attrs['argumentTypeRef'];
      const argName = a.attrs['name'] ?? '';
      if (ref === undefined) {
        ctx.problem('XTCE_MISSING_ATTRIBUTE', `expected attribute argumentTypeRef on Argument ${argName}, found none`, a, 'argumentTypeRef');
        args.push({ name: argName, type: null, initialValue: a.attrs['initialValue'] ?? null });
        continue;
      }
      args.push({ name: argName, type: typeRef(ctx, system, ref, 'argument', a, 'argumentTypeRef'), initialValue: a.attrs['initialValue'] ?? null });
    }
    const cc = childNamed(el, 'CommandContainer');
    const container = cc === null ? null : buildCommandContainer(ctx, system, cc);
    const sigEl = childNamed(el, 'DefaultSignificance');
    const significance = sigEl === null ? (base?.significance ?? null) : readSignificance(ctx, sigEl);
    return {
      name,
      qualifiedName: system.qualifiedName === '/' ? `/${name}` : `${system.qualifiedName}/${name}`,
      abstract: boolAttr(el, 'abstract', false),
      base,
      assignments,
      arguments: args,
      container,
      significance,
      shortDescription: el.attrs['shortDescription'] ?? '',
      source: sourceOf(el),
    };
  });
}

const CONSEQUENCE_LEVELS: readonly ConsequenceLevel[] = ['normal', 'vital', 'critical', 'forbidden', 'user1', 'user2'];

/** DefaultSignificance (XTCE 1.2 §3.5.3.2): consequenceLevel defaults to normal. */
function readSignificance(ctx: LoadContext, el: XmlElement): Significance {
  el.consumed = true;
  const text = el.attrs['consequenceLevel'] ?? 'normal';
  const level = CONSEQUENCE_LEVELS.find((l) => l === text);
  if (level === undefined) {
    ctx.problem('XTCE_BAD_VALUE', `expected consequenceLevel ${CONSEQUENCE_LEVELS.join(', ')}, found "${text}"`, el, 'consequenceLevel');
  }
  return { consequenceLevel: level ?? 'normal', reasonForWarning: el.attrs['reasonForWarning'] ?? null };
}

/** Arguments of a command and of its base commands, base first. */
export function allArguments(command: MetaCommand): Argument[] {
  return command.base === null ? [...command.arguments] : [...allArguments(command.base), ...command.arguments];
}

export function buildCommandContainer(ctx: LoadContext, system: SpaceSystem, el: XmlElement): CommandContainer | null {
  return ctx.build(el, () => {
    consumeMeta(el);
    let base: CommandContainer | SequenceContainer | null = null;
    const baseEl = childNamed(el, 'BaseContainer');
    if (baseEl !== null) {
      const ref = baseEl.attrs['containerRef'] ?? '';
      const asCommand = ctx.resolve(system, ref, 'commandContainer');
      const asSequence = asCommand === null ? ctx.resolve(system, ref, 'container') : null;
      if (asCommand !== null) base = buildCommandContainer(ctx, asCommand.system, asCommand.element);
      else if (asSequence !== null) base = buildContainer(ctx, asSequence.system, asSequence.element);
      else ctx.problem('XTCE_UNRESOLVED_REF', `expected containerRef to name a command or sequence container, found "${ref}" which does not exist`, baseEl, 'containerRef');
      // Restrictions on a command container's base describe the packet; they do not change encoding.
      const rc = childNamed(baseEl, 'RestrictionCriteria');
      if (rc !== null) readCriteria(ctx, system, rc);
    }
    const entries: CommandEntry[] = [];
    const list = childNamed(el, 'EntryList');
    for (const e of list?.children ?? []) {
      const common = readEntryCommon(ctx, system, e);
      if (common === null) continue;
      if (e.name === 'FixedValueEntry') {
        e.consumed = true;
        const hex = (e.attrs['binaryValue'] ?? '').trim();
        const sizeInBits = numberAttr(ctx, e, 'sizeInBits', (hex.length / 2) * 8);
        if (!/^([0-9a-fA-F]{2})*$/.test(hex) || !Number.isInteger(sizeInBits) || sizeInBits < 1) {
          ctx.problem('XTCE_BAD_VALUE', `expected a hexBinary binaryValue and a positive sizeInBits, found "${hex}" and ${sizeInBits}`, e);
          continue;
        }
        const bytes = new Uint8Array(hex.length / 2);
        for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
        entries.push({ ...common, kind: 'fixed', name: e.attrs['name'] ?? '', sizeInBits, bytes });
      } else if (e.name === 'ArgumentRefEntry') {
        e.consumed = true;
        entries.push({ ...common, kind: 'argument', argument: e.attrs['argumentRef'] ?? '' });
      } else if (e.name === 'ParameterRefEntry') {
        e.consumed = true;
        const p = parameterRef(ctx, system, e.attrs['parameterRef'] ?? '', e, 'parameterRef');
        if (p !== null) entries.push({ ...common, kind: 'parameter', parameter: p.parameter });
      } else if (e.name === 'ContainerRefEntry') {
        e.consumed = true;
        const found = ctx.resolve(system, e.attrs['containerRef'] ?? '', 'container');
        const c = found === null ? null : buildContainer(ctx, found.system, found.element);
        if (c !== null) entries.push({ ...common, kind: 'container', container: c });
        else ctx.problem('XTCE_UNRESOLVED_REF', `expected containerRef to name a sequence container, found "${e.attrs['containerRef'] ?? ''}"`, e, 'containerRef');
      }
    }
    if (list !== null) list.consumed = true;
    return { name: el.attrs['name'] ?? '', entries, base, source: sourceOf(el) };
  });
}
