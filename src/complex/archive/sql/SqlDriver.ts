// What the shared SQL of the archive needs from a database: statements with `?` placeholders,
// transactions, and a few facts about the dialect. SQLite and PostgreSQL each provide one.

export type SqlValue = number | string | bigint | Uint8Array | null;
/** A result row: column name to value (numbers, text, bytes, null). */
export type SqlRow = Readonly<Record<string, unknown>>;

/** Column types of the archive schema. time: ms of UTC as a double; id: an integer key the database assigns. */
export type ColumnType = 'text' | 'time' | 'real' | 'int' | 'bigint' | 'smallint' | 'bytes' | 'id';

export interface SqlColumn {
  readonly name: string;
  readonly type: ColumnType;
}

export interface SqlExecutor {
  /** Rows of a statement (SELECT, or anything with RETURNING). */
  query(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]>;
  /** Runs a statement; resolves with the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs a script of statements without parameters (migrations). */
  exec(script: string): Promise<void>;
  /**
   * Inserts rows the fastest way the back-end has; `tail` follows the rows (`ON CONFLICT ...`).
   * Resolves with the rows changed.
   */
  insertMany(table: string, columns: readonly SqlColumn[], rows: readonly (readonly SqlValue[])[], tail: string): Promise<number>;
}

export interface SqlDriver extends SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  /** The file or URL (without password), for messages. */
  readonly location: string;
  /** How many parameters one statement may bind. */
  readonly maxParameters: number;
  /** Runs `work` in one transaction, committed (durably) when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** A statement run first inside the migration transaction so two processes do not migrate at once. */
  readonly migrationLock: string | undefined;
  close(): Promise<void>;
}

/** One step of the schema: applied once, in version order, in its own transaction. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly script: string;
}
