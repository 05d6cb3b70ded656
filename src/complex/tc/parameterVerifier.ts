// Verifiers on telemetry values, as XTCE 1.2 §3.5.3.6 defines them for a MetaCommand: a stage
// (Received, Accepted, Execution, Complete, Failed, ...) passes when a comparison list on parameter
// values holds within a check window counted from the release. The mission database does not
// model VerifierSets yet, so they come from the pipeline's configuration, in the same terms.

export type VerifierOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';

export interface VerifierComparison {
  /** The parameter's qualified name, as in `tm.param` messages. */
  readonly parameter: string;
  readonly operator: VerifierOperator;
  readonly value: number | string | boolean;
  /** Compare the raw value instead of the engineering one (XTCE useCalibratedValue="false"). */
  readonly useRaw?: boolean;
}

export interface ParameterVerifier {
  /**
   * The stage it decides: `acceptance`, `execution`, or a name of its own in lower case (XTCE
   * verifier names such as `complete`).
   */
  readonly stage: string;
  /** All must hold in one packet's values (an XTCE ComparisonList). */
  readonly comparisons: readonly VerifierComparison[];
  /** How long after sending the values may come (XTCE CheckWindow timeToStopChecking). */
  readonly windowMs: number;
  /** What a match means: the stage passed (default), or it failed (an XTCE FailedVerifier). */
  readonly onMatch?: 'ok' | 'failed';
}

/** The part of a `tm.param.<spacecraft>` message (the telemetry pipeline's TmParamMessage) read here. */
export interface ParameterSnapshot {
  readonly spacecraft: string;
  readonly receptionTimeMs: number;
  readonly parameters: readonly { readonly name: string; readonly raw: unknown; readonly eng: unknown }[];
}

const STAGE_RE = /^[a-z][a-z0-9-]{0,63}$/;
const OPERATORS: readonly string[] = ['==', '!=', '<', '<=', '>', '>='];

/** Checks a verifier from the configuration; RangeError naming `key` when it is malformed. */
export function checkVerifier(v: ParameterVerifier, key: string): void {
  if (!STAGE_RE.test(v.stage) || ['queued', 'released', 'sent', 'ground-ack', 'approval'].includes(v.stage)) {
    throw new RangeError(`${key}.stage must be acceptance, execution or a lower-case name of its own, got ${JSON.stringify(v.stage)}`);
  }
  if (!Number.isFinite(v.windowMs) || v.windowMs <= 0) throw new RangeError(`${key}.windowMs must be a positive number of ms, got ${v.windowMs}`);
  if (v.comparisons.length === 0) throw new RangeError(`${key}.comparisons must hold at least one comparison`);
  v.comparisons.forEach((c, i) => {
    if (!OPERATORS.includes(c.operator)) throw new RangeError(`${key}.comparisons[${i}].operator must be one of ${OPERATORS.join(' ')}, got ${JSON.stringify(c.operator)}`);
  });
}

function compare(actual: unknown, operator: VerifierOperator, expected: number | string | boolean): boolean {
  let a: number | string;
  let b: number | string;
  if (typeof expected === 'number' || (typeof expected === 'string' && typeof actual === 'number')) {
    a = typeof actual === 'number' ? actual : typeof actual === 'string' && actual.trim() !== '' ? Number(actual) : Number.NaN;
    b = Number(expected);
    if (Number.isNaN(a) || Number.isNaN(b)) return operator === '!=';
  } else {
    a = String(actual);
    b = String(expected);
  }
  switch (operator) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}

/** True when every comparison holds in the snapshot (a parameter absent from it fails its comparison). */
export function verifierMatches(v: ParameterVerifier, snapshot: ParameterSnapshot): boolean {
  return v.comparisons.every((c) => {
    const p = snapshot.parameters.find((x) => x.name === c.parameter);
    return p !== undefined && compare(c.useRaw === true ? p.raw : p.eng, c.operator, c.value);
  });
}
