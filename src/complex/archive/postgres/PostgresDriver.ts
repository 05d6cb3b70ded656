// PostgreSQL through pg for the shared archive SQL: a small pool, `?` placeholders turned into
// `$n`, 64-bit integers read as numbers (they are counters and ids well below 2^53), and a
// schema per URL (`?schema=name`) so that tests and several complexes can share one database.
import pg from 'pg';
import { ZenithError } from '../../../core/errors/index.ts';
import type { ColumnType, SqlColumn, SqlDriver, SqlExecutor, SqlRow, SqlValue } from '../sql/index.ts';

/** PostgreSQL binds at most 65 535 parameters per statement (a 16-bit count in the protocol). */
const MAX_PARAMETERS = 65_535;
const SCHEMA_RE = /^[a-z_][a-z0-9_]{0,62}$/;
/** Any constant: the key of the advisory lock held while migrating. */
const MIGRATION_LOCK_KEY = 7_203_318_451;

const parseInt8 = (text: string): number => Number(text);
const types: pg.CustomTypesConfig = {
  getTypeParser: (id, format) => (id === pg.types.builtins.INT8 ? parseInt8 : (pg.types.getTypeParser(id, format) as unknown)),
};

const placeholders = new Map<string, string>();

/** `?` to `$1, $2, ...` (the archive's SQL has no `?` anywhere else). */
export function numberPlaceholders(sql: string): string {
  let converted = placeholders.get(sql);
  if (converted === undefined) {
    let n = 0;
    converted = sql.replace(/\?/g, () => `$${++n}`);
    if (placeholders.size > 1000) placeholders.clear();
    placeholders.set(sql, converted);
  }
  return converted;
}

/** The array type each column type is sent as for `unnest`. */
const ARRAY_TYPES: Readonly<Record<ColumnType, string>> = {
  text: 'text[]',
  time: 'float8[]',
  real: 'float8[]',
  int: 'int4[]',
  bigint: 'int8[]',
  smallint: 'int2[]',
  bytes: 'bytea[]',
  id: 'int8[]',
};

function executor(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    query: async (sql, params = []) => (await client.query(numberPlaceholders(sql), params as SqlValue[])).rows as SqlRow[],
    run: async (sql, params = []) => (await client.query(numberPlaceholders(sql), params as SqlValue[])).rowCount ?? 0,
    exec: async (script) => {
      await client.query(script);
    },
    // One statement per batch whatever its size: each column travels as one array parameter,
    // which PostgreSQL parses once instead of one parameter per value.
    insertMany: async (table, columns, rows, tail) => {
      const arrays = columns.map((_, i) => rows.map((row) => row[i] ?? null));
      const unnest = columns.map((c, i) => `$${i + 1}::${ARRAY_TYPES[c.type]}`).join(', ');
      const sql = `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) SELECT * FROM unnest(${unnest}) ${tail}`;
      return (await client.query(sql, arrays)).rowCount ?? 0;
    },
  };
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unreadable URL)';
  }
}

export class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres';
  readonly maxParameters = MAX_PARAMETERS;
  readonly migrationLock = `SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`;
  private readonly direct: SqlExecutor;

  private constructor(
    private readonly pool: pg.Pool,
    readonly location: string,
    readonly schema: string,
  ) {
    this.direct = executor(pool);
  }

  /** Connects to the database of `url` and creates the schema it names (default `public`). */
  static async open(url: string): Promise<PostgresDriver> {
    const location = redactUrl(url);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch (cause) {
      throw new ZenithError('ARCHIVE_URL', `expected a URL postgres://user@host:port/database, found ${location}`, { field: 'archive' }, { cause });
    }
    const schema = parsed.searchParams.get('schema') ?? 'public';
    if (!SCHEMA_RE.test(schema)) {
      throw new ZenithError('ARCHIVE_URL', `expected a schema name of lower-case letters, digits and _, found ${JSON.stringify(schema)}`, { field: 'archive' });
    }
    parsed.searchParams.delete('schema');
    const pool = new pg.Pool({
      connectionString: parsed.toString(),
      max: 4,
      connectionTimeoutMillis: 5000,
      options: `-c search_path=${schema}`,
      types,
    });
    // An idle connection dropped by the server is replaced on next use; it must not crash the process.
    pool.on('error', () => undefined);
    try {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } catch (cause) {
      await pool.end();
      throw new ZenithError('ARCHIVE_UNREACHABLE', `expected a PostgreSQL server answering at ${location}: ${String(cause)}`, { path: location }, { cause });
    }
    return new PostgresDriver(pool, location, schema);
  }

  query(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]> {
    return this.direct.query(sql, params);
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.direct.run(sql, params);
  }

  exec(script: string): Promise<void> {
    return this.direct.exec(script);
  }

  insertMany(table: string, columns: readonly SqlColumn[], rows: readonly (readonly SqlValue[])[], tail: string): Promise<number> {
    return this.direct.insertMany(table, columns, rows, tail);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(executor(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
