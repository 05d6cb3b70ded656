// Reads XTCE parameter and argument types (XTCE 1.2 §3.4.3, CCSDS 660.0-B-2 §4.3.2.2): integer,
// float, enumerated, boolean, string, binary, absolute time, aggregate and array, with their data
// encodings, calibrators, alarm ranges and valid ranges. Parameters are read here too, because
// dynamic sizes refer to parameters and parameters refer to types.
import { LoadContext, boolAttr, consumeMeta, numberAttr, numberText, sourceOf } from './LoadContext.ts';
import type {
  AlarmLevel,
  AlarmRange,
  Calibrator,
  DataEncoding,
  DataType,
  EpochName,
  IntegerSignedness,
  IntegerValue,
  Parameter,
  StaticAlarm,
  StringEncoding,
  TypeCommon,
  ValidRange,
  ByteOrder,
  CucEncoding,
  SpaceSystem,
} from './model.ts';
import { childNamed, childrenNamed, consumeDeep, consumeNamed } from './xmlTree.ts';
import type { XmlElement } from './xmlTree.ts';

type Role = 'parameter' | 'argument';
type Kind = DataType['kind'];

const KINDS: Readonly<Record<string, Kind>> = {
  Integer: 'integer',
  Float: 'float',
  Enumerated: 'enumerated',
  Boolean: 'boolean',
  String: 'string',
  Binary: 'binary',
  AbsoluteTime: 'absoluteTime',
  Aggregate: 'aggregate',
  Array: 'array',
};

/** The kind of a `<XxxParameterType>` / `<XxxArgumentType>` element, or null if unsupported. */
export function typeKindOf(el: XmlElement): Kind | null {
  const m = /^(\w+?)(?:Parameter|Argument)Type$/.exec(el.name);
  return m === null ? null : (KINDS[m[1] ?? ''] ?? null);
}

/** Resolves a type reference, reporting an unresolved one against `el`'s attribute `attr`. */
export function typeRef(ctx: LoadContext, system: SpaceSystem, ref: string, role: Role, el: XmlElement, attr: string): DataType | null {
  const found = ctx.resolve(system, ref, role === 'parameter' ? 'parameterType' : 'argumentType');
  if (found === null) {
    ctx.problem('XTCE_UNRESOLVED_REF', `expected ${attr} to name a ${role} type, found "${ref}" which does not exist`, el, attr);
    return null;
  }
  return buildType(ctx, found.system, found.element, role);
}

/** Builds the type defined by `el` (memoised). */
export function buildType(ctx: LoadContext, system: SpaceSystem, el: XmlElement, role: Role): DataType | null {
  return ctx.build(el, () => makeType(ctx, system, el, role));
}

function makeType(ctx: LoadContext, system: SpaceSystem, el: XmlElement, role: Role): DataType | null {
  const kind = typeKindOf(el);
  if (kind === null) return null;
  const name = el.attrs['name'] ?? '';
  consumeMeta(el);
  let base: DataType | null = null;
  const baseRef = el.attrs['baseType'];
  if (baseRef !== undefined) {
    base = typeRef(ctx, system, baseRef, role, el, 'baseType');
    // A base of another kind (Yamcs: an enumerated type over an integer type) lends its
    // encoding, units and ranges; kind-specific fields come from this element.
  }
  const unitSet = childNamed(el, 'UnitSet');
  const units = unitSet === null ? [] : childrenNamed(unitSet, 'Unit').map((u) => u.text);
  const common: TypeCommon = {
    name,
    qualifiedName: system.qualifiedName === '/' ? `/${name}` : `${system.qualifiedName}/${name}`,
    role,
    units: units.length > 0 || base === null ? units : base.units,
    encoding: readEncoding(ctx, system, el) ?? base?.encoding ?? null,
    alarm: readDefaultAlarm(ctx, el) ?? base?.alarm ?? null,
    validRange: readValidRange(ctx, el) ?? base?.validRange ?? null,
    source: sourceOf(el),
  };
  consumeNamed(el, 'ToString');
  switch (kind) {
    case 'integer': {
      const b = base?.kind === 'integer' ? base : null;
      return {
        ...common,
        kind,
        signed: boolAttr(el, 'signed', b?.signed ?? true),
        sizeInBits: numberAttr(ctx, el, 'sizeInBits', b?.sizeInBits ?? 32),
      };
    }
    case 'float': {
      const b = base?.kind === 'float' ? base : null;
      return { ...common, kind, sizeInBits: numberAttr(ctx, el, 'sizeInBits', b?.sizeInBits ?? 64) };
    }
    case 'enumerated': {
      const list = childNamed(el, 'EnumerationList');
      const enumerations =
        list === null
          ? base?.kind === 'enumerated'
            ? base.enumerations
            : []
          : childrenNamed(list, 'Enumeration').map((e) => {
              const value = numberAttr(ctx, e, 'value', 0);
              return { value, maxValue: numberAttr(ctx, e, 'maxValue', value), label: e.attrs['label'] ?? '' };
            });
      return { ...common, kind, enumerations };
    }
    case 'boolean': {
      const b = base?.kind === 'boolean' ? base : null;
      return {
        ...common,
        kind,
        oneString: el.attrs['oneStringValue'] ?? b?.oneString ?? 'True',
        zeroString: el.attrs['zeroStringValue'] ?? b?.zeroString ?? 'False',
      };
    }
    case 'string':
    case 'binary':
      return { ...common, kind };
    case 'absoluteTime':
      return readAbsoluteTime(ctx, system, el, common);
    case 'aggregate': {
      const list = childNamed(el, 'MemberList');
      const members: { name: string; type: DataType }[] = [];
      for (const m of list === null ? [] : childrenNamed(list, 'Member')) {
        consumeMeta(m);
        const ref = m.attrs['typeRef'];
        if (ref === undefined) {
          ctx.problem('XTCE_MISSING_ATTRIBUTE', 'expected attribute typeRef on Member, found none', m, 'typeRef');
          continue;
        }
        const type = typeRef(ctx, system, ref, role, m, 'typeRef');
        if (type !== null) members.push({ name: m.attrs['name'] ?? '', type });
      }
      if (list === null && base?.kind === 'aggregate') members.push(...base.members);
      return { ...common, kind, members };
    }
    case 'array': {
      const ref = el.attrs['arrayTypeRef'];
      if (ref === undefined) {
        ctx.problem('XTCE_MISSING_ATTRIBUTE', `expected attribute arrayTypeRef on ${el.name}, found none`, el, 'arrayTypeRef');
        return null;
      }
      const elementType = typeRef(ctx, system, ref, role, el, 'arrayTypeRef');
      if (elementType === null) return null;
      const dims = childNamed(el, 'DimensionList');
      const dimensions: { start: IntegerValue; end: IntegerValue }[] = [];
      for (const d of dims === null ? [] : childrenNamed(dims, 'Dimension')) {
        const start = childNamed(d, 'StartingIndex');
        const end = childNamed(d, 'EndingIndex');
        if (start === null || end === null) {
          ctx.problem('XTCE_MISSING_ELEMENT', 'expected StartingIndex and EndingIndex in Dimension', d);
          continue;
        }
        const s = readIntegerValue(ctx, system, start);
        const e = readIntegerValue(ctx, system, end);
        if (s !== null && e !== null) dimensions.push({ start: s, end: e });
      }
      if (dims === null && el.attrs['numberOfDimensions'] !== undefined) return null; // 1.1 form: left unconsumed, reported
      return { ...common, kind, elementType, dimensions };
    }
  }
}

const EPOCHS: Readonly<Record<string, EpochName>> = { TAI: 'TAI', J2000: 'J2000', UNIX: 'UNIX', POSIX: 'UNIX', GPS: 'GPS' };

function readAbsoluteTime(ctx: LoadContext, system: SpaceSystem, el: XmlElement, common: TypeCommon): DataType {
  const encodingEl = childNamed(el, 'Encoding');
  let encoding = common.encoding;
  let scale = 1;
  let offset = 0;
  if (encodingEl !== null) {
    scale = numberAttr(ctx, encodingEl, 'scale', 1);
    offset = numberAttr(ctx, encodingEl, 'offset', 0);
    encoding = readEncoding(ctx, system, encodingEl) ?? encoding;
  }
  let epoch: EpochName | number | null = null;
  const ref = childNamed(el, 'ReferenceTime');
  const epochEl = ref === null ? null : childNamed(ref, 'Epoch');
  if (epochEl !== null) {
    const named = EPOCHS[epochEl.text.toUpperCase()];
    if (named !== undefined) epoch = named;
    else {
      const text = /^\d{4}-\d{2}-\d{2}$/.test(epochEl.text) ? `${epochEl.text}T00:00:00Z` : epochEl.text;
      const ms = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`);
      if (Number.isFinite(ms)) epoch = ms;
      else ctx.problem('XTCE_BAD_EPOCH', `expected an epoch (TAI, J2000, UNIX, GPS or a date), found "${epochEl.text}"`, epochEl);
    }
  }
  // ReferenceTime/OffsetFrom (time relative to another parameter) stays unconsumed: reported as unsupported.
  return { ...common, kind: 'absoluteTime', encoding, scale, offset, epoch };
}

const ENCODING_ELEMENTS = ['IntegerDataEncoding', 'FloatDataEncoding', 'StringDataEncoding', 'BinaryDataEncoding'];

/** The data encoding child of a type (or of an `<Encoding>` element); null if there is none. */
export function readEncoding(ctx: LoadContext, system: SpaceSystem, el: XmlElement): DataEncoding | null {
  const encEl = el.children.find((c) => ENCODING_ELEMENTS.includes(c.name));
  if (encEl === undefined) return null;
  const enc = encEl;
  const orderText = enc.attrs['byteOrder'] ?? 'mostSignificantByteFirst';
  let byteOrder: ByteOrder = 'mostSignificantByteFirst';
  if (orderText === 'leastSignificantByteFirst') byteOrder = orderText;
  else if (orderText !== 'mostSignificantByteFirst') {
    ctx.problem('XTCE_BAD_VALUE', `expected byteOrder mostSignificantByteFirst or leastSignificantByteFirst, found "${orderText}"`, enc, 'byteOrder');
  }
  consumeMeta(enc);
  switch (enc.name) {
    case 'IntegerDataEncoding': {
      const sizeInBits = numberAttr(ctx, enc, 'sizeInBits', 8);
      const text = enc.attrs['encoding'] ?? 'unsigned';
      const signedness = SIGNEDNESS[text];
      if (signedness === undefined) return unsupportedEncoding(enc); // BCD, packedBCD
      if (!Number.isInteger(sizeInBits) || sizeInBits < 1 || sizeInBits > 64) {
        ctx.problem('XTCE_BAD_SIZE', `expected an integer size of 1..64 bits, found ${sizeInBits}`, enc, 'sizeInBits');
        return null;
      }
      enc.consumed = true;
      return { kind: 'integer', sizeInBits, signedness, byteOrder, calibrator: readCalibrator(ctx, enc) };
    }
    case 'FloatDataEncoding': {
      const sizeInBits = numberAttr(ctx, enc, 'sizeInBits', 32);
      const text = enc.attrs['encoding'] ?? 'IEEE754_1985';
      if (text !== 'IEEE754_1985' && text !== 'IEEE754' && text !== 'IEEE-754') return unsupportedEncoding(enc); // MILSTD_1750A
      if (sizeInBits !== 32 && sizeInBits !== 64) {
        ctx.problem('XTCE_BAD_SIZE', `expected an IEEE-754 size of 32 or 64 bits, found ${sizeInBits}`, enc, 'sizeInBits');
        return null;
      }
      enc.consumed = true;
      return { kind: 'float', sizeInBits, byteOrder, calibrator: readCalibrator(ctx, enc) };
    }
    case 'StringDataEncoding': {
      const size = readStringSize(ctx, system, enc);
      if (size === null) return null;
      const text = enc.attrs['encoding'] ?? 'UTF-8';
      const charset = text === 'US-ASCII' ? 'US-ASCII' : text === 'ISO-8859-1' ? 'ISO-8859-1' : text === 'UTF-8' ? 'UTF-8' : null;
      if (charset === null) return unsupportedEncoding(enc); // UTF-16 and others
      enc.consumed = true;
      return { kind: 'string', charset, size };
    }
    default: {
      const sizeEl = childNamed(enc, 'SizeInBits');
      if (sizeEl === null) {
        ctx.problem('XTCE_MISSING_ELEMENT', 'expected SizeInBits in BinaryDataEncoding, found none', enc);
        return null;
      }
      const bits = readIntegerValue(ctx, system, sizeEl);
      if (bits === null) return null;
      enc.consumed = true;
      const cuc = readCucAlgorithm(enc);
      if (cuc !== null) return cuc;
      if (bits.kind === 'fixed' && bits.value < 0) {
        // Yamcs writes -1 when a custom algorithm finds the size; the algorithm element stays
        // unconsumed and is reported as unsupported.
        return null;
      }
      return { kind: 'binary', bits };
    }
  }
}

/** An encoding Zenith cannot read yet: left unconsumed, so it is reported as unsupported. */
function unsupportedEncoding(enc: XmlElement): null {
  enc.consumed = false;
  return null;
}

/**
 * Yamcs describes CUC times as a binary encoding of size -1 with a TimeBinaryDecoder or
 * TimeBinaryEncoder algorithm whose text names the format; that one form is understood here.
 */
function readCucAlgorithm(enc: XmlElement): CucEncoding | null {
  const algo = enc.children.find((c) => c.name === 'FromBinaryTransformAlgorithm' || c.name === 'ToBinaryTransformAlgorithm');
  const textEl = algo?.children.find((c) => c.name === 'AlgorithmText');
  if (algo === undefined || textEl === undefined) return null;
  const m = /org\.yamcs\.algo\.TimeBinary(?:De|En)coder\s*\(\s*\{([^}]*)\}\s*\)/.exec(textEl.text);
  if (m === null || !/type\s*:\s*CUC\b/.test(m[1] ?? '')) return null;
  const args = m[1] ?? '';
  const p = /pfield\s*:\s*(0x[0-9a-fA-F]+|\d+)/.exec(args)?.[1];
  algo.consumed = true;
  textEl.consumed = true;
  return { kind: 'cuc', pField: p === undefined ? null : Number(p), implicitPField: /implicitPfield\s*:\s*true/.test(args) };
}

const SIGNEDNESS: Readonly<Record<string, IntegerSignedness>> = {
  unsigned: 'unsigned',
  twosComplement: 'twosComplement',
  twosCompliment: 'twosComplement', // the spelling of XTCE 1.0 schemas
  signMagnitude: 'signMagnitude',
  onesComplement: 'onesComplement',
  onesCompliment: 'onesComplement',
};

function readStringSize(ctx: LoadContext, system: SpaceSystem, enc: XmlElement): StringEncoding['size'] | null {
  const sizeEl = childNamed(enc, 'SizeInBits');
  const variable = childNamed(enc, 'Variable');
  const holder = sizeEl ?? variable;
  if (holder === null) {
    ctx.problem('XTCE_MISSING_ELEMENT', 'expected SizeInBits or Variable in StringDataEncoding, found neither', enc);
    return null;
  }
  const maxBits = numberAttr(ctx, holder, 'maxSizeInBits', 65536 * 8);
  const term = childNamed(holder, 'TerminationChar');
  const leading = childNamed(holder, 'LeadingSize');
  if (leading !== null) {
    // A Yamcs placeholder DynamicValue may sit beside LeadingSize: the tag gives the size.
    const dyn = childNamed(holder, 'DynamicValue');
    if (dyn !== null) consumeDeep(dyn);
    return { kind: 'leading', tagBits: numberAttr(ctx, leading, 'sizeInBitsOfSizeTag', 16), maxBits };
  }
  if (term !== null) {
    const code = Number.parseInt(term.text === '' ? '00' : term.text, 16);
    if (!Number.isFinite(code)) {
      ctx.problem('XTCE_BAD_NUMBER', `expected a hexadecimal termination character, found "${term.text}"`, term);
      return null;
    }
    return { kind: 'terminated', terminator: code, maxBits };
  }
  const fixed = childNamed(holder, 'Fixed');
  if (fixed !== null) {
    const v = childNamed(fixed, 'FixedValue');
    if (v === null) {
      ctx.problem('XTCE_MISSING_ELEMENT', 'expected FixedValue in Fixed, found none', fixed);
      return null;
    }
    return { kind: 'fixed', bits: numberText(ctx, v, 0) };
  }
  const value = readIntegerValue(ctx, system, holder);
  if (value === null) return null;
  return value.kind === 'fixed' ? { kind: 'fixed', bits: value.value } : { kind: 'dynamic', bits: value };
}

/** FixedValue, DynamicValue (ParameterInstanceRef / ArgumentInstanceRef + LinearAdjustment) inside `el`. */
export function readIntegerValue(ctx: LoadContext, system: SpaceSystem, el: XmlElement): IntegerValue | null {
  el.consumed = true;
  const fixedValue = childNamed(el, 'FixedValue');
  if (fixedValue !== null) return { kind: 'fixed', value: numberText(ctx, fixedValue, 0) };
  const fixed = childNamed(el, 'Fixed');
  if (fixed !== null) {
    const v = childNamed(fixed, 'FixedValue');
    if (v !== null) return { kind: 'fixed', value: numberText(ctx, v, 0) };
  }
  const dyn = childNamed(el, 'DynamicValue');
  if (dyn !== null) {
    const adj = childNamed(dyn, 'LinearAdjustment');
    const slope = adj === null ? 1 : numberAttr(ctx, adj, 'slope', 1);
    const intercept = adj === null ? 0 : numberAttr(ctx, adj, 'intercept', 0);
    const argRef = childNamed(dyn, 'ArgumentInstanceRef');
    if (argRef !== null) {
      const name = argRef.attrs['argumentRef'] ?? '';
      return { kind: 'dynamic', parameter: null, argument: name, slope, intercept };
    }
    const parRef = childNamed(dyn, 'ParameterInstanceRef');
    if (parRef !== null) {
      const ref = parRef.attrs['parameterRef'] ?? '';
      const p = parameterRef(ctx, system, ref, parRef, 'parameterRef');
      if (p === null) return null;
      return { kind: 'dynamic', parameter: p.parameter, argument: null, slope, intercept };
    }
  }
  ctx.problem('XTCE_MISSING_ELEMENT', `expected FixedValue or DynamicValue in ${el.name}, found neither`, el);
  return null;
}

function readCalibrator(ctx: LoadContext, enc: XmlElement): Calibrator | null {
  const def = childNamed(enc, 'DefaultCalibrator');
  if (def === null) return null;
  const poly = childNamed(def, 'PolynomialCalibrator');
  if (poly !== null) {
    consumeMeta(poly);
    const coefficients: number[] = [];
    for (const term of childrenNamed(poly, 'Term')) {
      const exponent = numberAttr(ctx, term, 'exponent', 0);
      if (!Number.isInteger(exponent) || exponent < 0 || exponent > 32) {
        ctx.problem('XTCE_BAD_VALUE', `expected a polynomial exponent in 0..32, found ${exponent}`, term, 'exponent');
        continue;
      }
      while (coefficients.length <= exponent) coefficients.push(0);
      coefficients[exponent] = (coefficients[exponent] ?? 0) + numberAttr(ctx, term, 'coefficient', 0);
    }
    return { kind: 'polynomial', coefficients };
  }
  const spline = childNamed(def, 'SplineCalibrator');
  if (spline !== null) {
    consumeMeta(spline);
    const points = childrenNamed(spline, 'SplinePoint')
      .map((p) => ({ raw: numberAttr(ctx, p, 'raw', 0), calibrated: numberAttr(ctx, p, 'calibrated', 0) }))
      .sort((a, b) => a.raw - b.raw);
    const order = numberAttr(ctx, spline, 'order', 1);
    if (order !== 0 && order !== 1) {
      // Higher-order splines are left for later: the element is marked unconsumed and reported.
      spline.consumed = false;
      return null;
    }
    if (points.length < 2) {
      ctx.problem('XTCE_BAD_VALUE', `expected at least 2 SplinePoint elements, found ${points.length}`, spline);
      return null;
    }
    return { kind: 'spline', points, order, extrapolate: boolAttr(spline, 'extrapolate', false) };
  }
  // MathOperationCalibrator and others stay unconsumed: reported as unsupported.
  return null;
}

const LEVELS: readonly Exclude<AlarmLevel, 'normal'>[] = ['watch', 'warning', 'distress', 'critical', 'severe'];

function readRange(ctx: LoadContext, el: XmlElement): ValidRange {
  const minInc = el.attrs['minInclusive'];
  const minExc = el.attrs['minExclusive'];
  const maxInc = el.attrs['maxInclusive'];
  const maxExc = el.attrs['maxExclusive'];
  return {
    min: minInc !== undefined ? numberAttr(ctx, el, 'minInclusive', 0) : minExc !== undefined ? numberAttr(ctx, el, 'minExclusive', 0) : null,
    minInclusive: minInc !== undefined,
    max: maxInc !== undefined ? numberAttr(ctx, el, 'maxInclusive', 0) : maxExc !== undefined ? numberAttr(ctx, el, 'maxExclusive', 0) : null,
    maxInclusive: maxInc !== undefined,
  };
}

function readDefaultAlarm(ctx: LoadContext, el: XmlElement): StaticAlarm | null {
  const def = childNamed(el, 'DefaultAlarm');
  if (def === null) return null;
  consumeMeta(def);
  const ranges: AlarmRange[] = [];
  const labels = new Map<string, Exclude<AlarmLevel, 'normal'>>();
  const statics = childNamed(def, 'StaticAlarmRanges');
  if (statics !== null) {
    for (const level of LEVELS) {
      const name = `${level[0]?.toUpperCase() ?? ''}${level.slice(1)}Range`;
      for (const r of childrenNamed(statics, name)) ranges.push({ level, ...readRange(ctx, r) });
    }
  }
  const enumList = childNamed(def, 'EnumerationAlarmList');
  if (enumList !== null) {
    for (const a of childrenNamed(enumList, 'EnumerationAlarm')) {
      const level = a.attrs['alarmLevel'] ?? 'normal';
      const label = a.attrs['enumerationLabel'] ?? a.attrs['enumerationValue'] ?? '';
      if ((LEVELS as readonly string[]).includes(level)) labels.set(label, level as Exclude<AlarmLevel, 'normal'>);
      else if (level !== 'normal') ctx.problem('XTCE_BAD_VALUE', `expected an alarm level (normal, watch, warning, distress, critical, severe), found "${level}"`, a, 'alarmLevel');
    }
  }
  return { ranges, labels };
}

function readValidRange(ctx: LoadContext, el: XmlElement): ValidRange | null {
  const direct = childNamed(el, 'ValidRange');
  if (direct !== null) return readRange(ctx, direct);
  const set = childNamed(el, 'ValidRangeSet');
  if (set !== null) {
    const r = childNamed(set, 'ValidRange');
    if (r !== null) return readRange(ctx, r);
  }
  return null;
}

/** Resolves a parameter reference (with optional aggregate member path), reporting failures. */
export function parameterRef(
  ctx: LoadContext,
  system: SpaceSystem,
  ref: string,
  el: XmlElement,
  attr: string,
): { parameter: Parameter; memberPath: readonly string[] } | null {
  const found = ctx.resolve(system, ref, 'parameter');
  if (found === null) {
    ctx.problem('XTCE_UNRESOLVED_REF', `expected ${attr} to name a parameter, found "${ref}" which does not exist`, el, attr);
    return null;
  }
  const parameter = buildParameter(ctx, found.system, found.element);
  if (parameter === null) return null;
  return { parameter, memberPath: found.memberPath };
}

/** Builds the Parameter defined by `el` (memoised). */
export function buildParameter(ctx: LoadContext, system: SpaceSystem, el: XmlElement): Parameter | null {
  return ctx.build(el, () => {
    consumeMeta(el);
    const props = childNamed(el, 'ParameterProperties');
    if (props !== null) consumeDeep(props);
    const name = el.attrs['name'] ?? '';
    const ref = el.attrs['parameterTypeRef'];
    let type: DataType | null = null;
    if (ref === undefined) {
      ctx.problem('XTCE_MISSING_ATTRIBUTE', `expected attribute parameterTypeRef on Parameter ${name}, found none`, el, 'parameterTypeRef');
      for (const attr of Object.keys(el.attrs)) {
        if (!['name', 'parameterTypeRef', 'shortDescription', 'initialValue'].includes(attr)) {
          ctx.problem('XTCE_UNKNOWN_ATTRIBUTE', `expected the attributes of Parameter, found unknown attribute ${attr}`, el, attr);
        }
      }
    } else {
      type = typeRef(ctx, system, ref, 'parameter', el, 'parameterTypeRef');
    }
    return {
      name,
      qualifiedName: system.qualifiedName === '/' ? `/${name}` : `${system.qualifiedName}/${name}`,
      type,
      dataSource: props?.attrs['dataSource'] ?? 'telemetered',
      shortDescription: el.attrs['shortDescription'] ?? '',
      source: sourceOf(el),
    };
  });
}
