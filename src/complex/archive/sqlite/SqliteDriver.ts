// SQLite through better-sqlite3 for the shared archive SQL. The library is synchronous; the driver
// serialises every use of the one connection (a transaction may await between statements, and
// nothing else may run inside it), and commits with WAL and synchronous=FULL so that a resolved
// store survives a crash or a power cut.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ZenithError } from '../../../core/errors/index.ts';
import type { SqlColumn, SqlDriver, SqlExecutor, SqlRow, SqlValue } from '../sql/index.ts';

/** SQLITE_MAX_VARIABLE_NUMBER of the SQLite built into better-sqlite3 12. */
const MAX_PARAMETERS = 32_766;
/** Prepared statements kept; the archive has a few dozen distinct ones, plus IN lists of varying length. */
const STATEMENT_CACHE = 500;

type Bindable = number | string | bigint | Buffer | null;

function bindable(params: readonly SqlValue[]): Bindable[] {
  return params.map((v) => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v));
}

export class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite';
  readonly maxParameters = MAX_PARAMETERS;
  readonly migrationLock = undefined;
  private readonly statements = new Map<string, Database.Statement>();
  private tail: Promise<void> = Promise.resolve();
  private readonly direct: SqlExecutor;

  private constructor(
    private readonly db: Database.Database,
    readonly location: string,
  ) {
    this.direct = {
      query: (sql, params = []) => Promise.resolve(this.prepare(sql).all(...bindable(params)) as SqlRow[]),
      run: (sql, params = []) => Promise.resolve(this.prepare(sql).run(...bindable(params)).changes),
      exec: (script) => {
        this.db.exec(script);
        return Promise.resolve();
      },
      // One prepared single-row statement run per row: inside a transaction this is SQLite's
      // fastest insert (no parsing per batch, no statement per batch size).
      insertMany: (table, columns, rows, tail) => {
        const names = columns.map((c) => c.name);
        const statement = this.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')}) ${tail}`);
        let changed = 0;
        for (const row of rows) changed += statement.run(...bindable(row)).changes;
        return Promise.resolve(changed);
      },
    };
  }

  /** Opens (creating) the database file at `path`, creating its directory. */
  static open(path: string): SqliteDriver {
    let db: Database.Database;
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      db = new Database(path);
    } catch (cause) {
      throw new ZenithError('ARCHIVE_OPEN', `expected to open or create the SQLite archive ${path}: ${String(cause)}`, { path }, { cause });
    }
    try {
      db.pragma('journal_mode = WAL');
      // FULL: a commit reaches the disk before it returns, also in WAL mode. Frames are
      // acknowledged to their station only after that.
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      // Another process (a CLI export while the complex runs) waits instead of failing.
      db.pragma('busy_timeout = 5000');
    } catch (cause) {
      db.close();
      throw new ZenithError('ARCHIVE_OPEN', `expected ${path} to be an SQLite database: ${String(cause)}`, { path }, { cause });
    }
    return new SqliteDriver(db, path);
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      if (this.statements.size >= STATEMENT_CACHE) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Runs `work` after everything queued before it, alone on the connection. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  query(sql: string, params: readonly SqlValue[] = []): Promise<SqlRow[]> {
    return this.exclusive(() => this.direct.query(sql, params));
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.exclusive(() => this.direct.run(sql, params));
  }

  exec(script: string): Promise<void> {
    return this.exclusive(() => this.direct.exec(script));
  }

  insertMany(table: string, columns: readonly SqlColumn[], rows: readonly (readonly SqlValue[])[], tail: string): Promise<number> {
    return this.exclusive(() => this.direct.insertMany(table, columns, rows, tail));
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.direct);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  /** Reads a pragma (for checks and tests): `journal_mode`, `synchronous`, ... */
  pragma(name: string): unknown {
    return this.db.pragma(name, { simple: true });
  }

  close(): Promise<void> {
    return this.exclusive(() => {
      this.statements.clear();
      this.db.close();
      return Promise.resolve();
    });
  }
}
