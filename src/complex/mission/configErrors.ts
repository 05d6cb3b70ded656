// Turns schema-validation errors into ZenithErrors that name the key (`stations[1].latitudeDeg`),
// what was expected and what was found.
import Value from 'typebox/value';
import type { TSchema } from 'typebox';
import { ZenithError } from '../../core/errors/index.ts';

/** `/stations/1/latitudeDeg` -> `stations[1].latitudeDeg`. */
export function keyOfPointer(pointer: string): string {
  let key = '';
  for (const part of pointer.split('/').slice(1)) {
    const token = part.replaceAll('~1', '/').replaceAll('~0', '~');
    key += /^\d+$/.test(token) ? `[${token}]` : key === '' ? token : `.${token}`;
  }
  return key === '' ? '(top level)' : key;
}

function valueAt(root: unknown, pointer: string): unknown {
  let here: unknown = root;
  for (const part of pointer.split('/').slice(1)) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<string, unknown>)[part];
  }
  return here;
}

/** Every problem of `value` against `schema`, one ZenithError a key, in document order. */
export function configErrors(schema: TSchema, value: unknown, file: string): ZenithError[] {
  const seen = new Set<string>();
  const errors: ZenithError[] = [];
  for (const e of Value.Errors(schema, value)) {
    if (e.keyword === 'boolean') continue; // the additionalProperties twin of a clearer error
    let pointer = e.instancePath;
    let message = e.message;
    if (e.keyword === 'additionalProperties') {
      const extra = (e.params as { additionalProperties?: string[] }).additionalProperties ?? [];
      pointer = `${pointer}/${extra.join(',')}`;
      message = 'is not a known key';
    } else if (e.keyword === 'required') {
      const missing = (e.params as { requiredProperties?: string[] }).requiredProperties ?? [];
      pointer = `${pointer}/${missing.join(',')}`;
      message = 'is required but missing';
    } else {
      const found = valueAt(value, pointer);
      message = `${message} (found ${found === undefined ? 'nothing' : JSON.stringify(found)})`;
    }
    const key = keyOfPointer(pointer);
    if (seen.has(`${key}:${message}`)) continue;
    seen.add(`${key}:${message}`);
    errors.push(new ZenithError('CONFIG_INVALID', `${key} ${message}`, { file, field: key }));
  }
  return errors;
}
