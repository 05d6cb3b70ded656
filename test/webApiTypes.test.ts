// The web UI's API types (web/src/api/types.ts, written by hand) against the OpenAPI document the
// server builds from its route schemas: every field the UI reads is one the API answers with, and a
// field the UI counts on always being there is one the API always sends. Every interface of that
// file must be mapped here, so a new one cannot slip past.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuthApi, type AuthApi } from './authSupport/authApi.ts';

const TYPES_FILE = resolve('web/src/api/types.ts');

interface JsonSchema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
}

/** Where each interface's shape is in the OpenAPI document: a route's 200 answer, then keys into it. */
const WHERE: Readonly<Record<string, { readonly route: string; readonly path: readonly string[] } | { readonly component: string; readonly path: readonly string[] }>> = {
  Spacecraft: { route: 'GET /api/spacecraft', path: ['items'] },
  Station: { route: 'GET /api/stations', path: ['items'] },
  StationLink: { route: 'GET /api/stations', path: ['items', 'link'] },
  Contact: { route: 'GET /api/contacts', path: ['items'] },
  SpaceSystemNode: { component: 'SpaceSystem', path: [] },
  ParameterInfo: { component: 'SpaceSystem', path: ['parameters', 'items'] },
  ParameterValue: { route: 'GET /api/parameters/{name}/latest', path: [] },
  HistoryPoint: { route: 'GET /api/parameters/{name}/history', path: ['points', 'items'] },
  Alarm: { route: 'GET /api/alarms', path: ['items'] },
  ZenithEvent: { route: 'GET /api/events', path: ['items'] },
  CatalogCommand: { route: 'GET /api/commands', path: ['items'] },
  CommandArgument: { route: 'GET /api/commands', path: ['items', 'arguments', 'items'] },
  Command: { route: 'GET /api/commands/history', path: ['items'] },
  CommandStage: { route: 'GET /api/commands/history', path: ['items', 'stages', 'items'] },
  ClockReading: { route: 'GET /api/clock', path: [] },
  User: { route: 'GET /api/auth/me', path: ['user'] },
};

/** Each interface of the UI's types file: its fields, and whether each is optional (`?`). */
function uiInterfaces(): Map<string, Map<string, boolean>> {
  const source = ts.createSourceFile(TYPES_FILE, readFileSync(TYPES_FILE, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found = new Map<string, Map<string, boolean>>();
  for (const statement of source.statements) {
    if (!ts.isInterfaceDeclaration(statement)) continue;
    const fields = new Map<string, boolean>();
    for (const member of statement.members) {
      if (ts.isPropertySignature(member) && ts.isIdentifier(member.name)) fields.set(member.name.text, member.questionToken !== undefined);
    }
    found.set(statement.name.text, fields);
  }
  return found;
}

let t: AuthApi;
let doc: { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }> }>>; components: { schemas: Record<string, JsonSchema> } };

beforeAll(async () => {
  t = await openAuthApi();
  const viewer = await t.login('vic');
  doc = (await t.api.app.inject({ url: '/api/openapi.json', headers: { cookie: viewer.cookie } })).json();
});
afterAll(async () => {
  await t.close();
});

function resolveRef(schema: JsonSchema): JsonSchema {
  if (schema.$ref === undefined) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = doc.components.schemas[name];
  if (target === undefined) throw new Error(`no component ${name}`);
  return target;
}

/** The object schema at `path` (keys of properties, and `items` of arrays) from `start`. */
function schemaAt(start: JsonSchema, path: readonly string[], where: string): JsonSchema {
  let schema = resolveRef(start);
  for (const key of path) {
    const next = key === 'items' ? schema.items : schema.properties?.[key];
    if (next === undefined) throw new Error(`${where}: no ${key} in ${JSON.stringify(schema).slice(0, 200)}`);
    schema = resolveRef(next);
    // A nullable object (Type.Union([object, null])): the object.
    const object = schema.anyOf?.find((s) => resolveRef(s).properties !== undefined);
    if (object !== undefined) schema = resolveRef(object);
  }
  return schema;
}

describe('the web UI types against the API', () => {
  it('maps every interface of the types file', () => {
    expect([...uiInterfaces().keys()].sort()).toEqual(Object.keys(WHERE).sort());
  });

  it('reads only fields the API sends, and counts only on fields it always sends', () => {
    const problems: string[] = [];
    for (const [name, fields] of uiInterfaces()) {
      const where = WHERE[name];
      if (where === undefined) continue;
      let root: JsonSchema;
      if ('route' in where) {
        const [method = '', path = ''] = where.route.split(' ');
        const answer = doc.paths[path]?.[method.toLowerCase()]?.responses['200']?.content?.['application/json']?.schema;
        if (answer === undefined) {
          problems.push(`${name}: ${where.route} has no JSON 200 answer`);
          continue;
        }
        root = answer;
      } else {
        root = doc.components.schemas[where.component] ?? {};
      }
      const schema = schemaAt(root, where.path, name);
      for (const [field, optional] of fields) {
        if (schema.properties?.[field] === undefined) problems.push(`${name}.${field}: the API does not send it`);
        else if (!optional && !(schema.required ?? []).includes(field)) problems.push(`${name}.${field}: the API may leave it out, the UI's type says it is always there`);
      }
    }
    expect(problems).toEqual([]);
  });
});
