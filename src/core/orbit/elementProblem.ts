// One place to build the ZenithError of a bad element record, leaving out the parts of its
// location that are unknown (the error context takes no `undefined` under exactOptionalPropertyTypes).
import { ZenithError } from '../errors/index.ts';

export interface Place {
  readonly file?: string | undefined;
  readonly line?: number | undefined;
  readonly column?: number | undefined;
  readonly field?: string | undefined;
  readonly objectId?: number | undefined;
  readonly path?: string | undefined;
}

export function elementProblem(code: string, message: string, place: Place): ZenithError {
  const context: Record<string, string | number> = {};
  for (const key of ['file', 'line', 'column', 'field', 'objectId', 'path'] as const) {
    const value = place[key];
    if (value !== undefined) context[key] = value;
  }
  return new ZenithError(code, message, context);
}
