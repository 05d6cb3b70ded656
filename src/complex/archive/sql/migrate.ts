// Versioned schema migrations, the same scheme on both back-ends: a table of applied versions,
// and each migration applied once, in version order, in its own transaction under a lock.
import { ZenithError } from '../../../core/errors/index.ts';
import type { AppliedMigration } from '../index.ts';
import { num, str } from './rows.ts';
import type { Migration, SqlDriver, SqlExecutor } from './SqlDriver.ts';

export const MIGRATIONS_TABLE = 'zenith_migrations';

/** TypeError unless the versions run 1, 2, 3, ... (a mistake in Zenith, not in the data). */
export function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new TypeError(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
}

/** The migrations applied so far, in order. */
export async function appliedMigrations(tx: SqlExecutor): Promise<AppliedMigration[]> {
  const rows = await tx.query(`SELECT version, name, applied_ms FROM ${MIGRATIONS_TABLE} ORDER BY version`);
  return rows.map((r) => ({ version: num(r, 'version'), name: str(r, 'name'), appliedMs: num(r, 'applied_ms') }));
}

async function locked<T>(driver: SqlDriver, work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
  return driver.transaction(async (tx) => {
    if (driver.migrationLock !== undefined) await tx.query(driver.migrationLock);
    return work(tx);
  });
}

/** A ZenithError when the archive's history is not a prefix of `migrations`. */
function checkHistory(driver: SqlDriver, done: readonly AppliedMigration[], migrations: readonly Migration[]): void {
  for (const a of done) {
    const known = migrations[a.version - 1];
    if (known === undefined) {
      throw new ZenithError(
        'ARCHIVE_SCHEMA_NEWER',
        `the archive at ${driver.location} has schema version ${a.version} (${a.name}); this Zenith knows up to ${migrations.length}: use a newer Zenith`,
        { path: driver.location },
      );
    }
    if (known.name !== a.name) {
      throw new ZenithError('ARCHIVE_SCHEMA', `the archive at ${driver.location} applied migration ${a.version} as "${a.name}", expected "${known.name}"`, {
        path: driver.location,
      });
    }
  }
}

/** The applied migrations read without a lock, or undefined when there is no migrations table yet. */
async function readHistory(driver: SqlDriver): Promise<AppliedMigration[] | undefined> {
  try {
    return await appliedMigrations(driver);
  } catch {
    return undefined;
  }
}

/** Brings the schema up to the last migration; resolves with all migrations applied. */
export async function migrate(driver: SqlDriver, migrations: readonly Migration[], nowMs: () => number = Date.now): Promise<AppliedMigration[]> {
  checkMigrationList(migrations);
  // The usual case, an archive already up to date, takes no write lock: opening it while another
  // process writes (a CLI export beside the running complex) does not wait for that writer.
  const seen = await readHistory(driver);
  if (seen !== undefined) {
    checkHistory(driver, seen, migrations);
    if (seen.length === migrations.length) return seen;
  }
  const done = await locked(driver, async (tx) => {
    await tx.exec(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms DOUBLE PRECISION NOT NULL)`);
    return appliedMigrations(tx);
  });
  checkHistory(driver, done, migrations);
  for (const migration of migrations) {
    await locked(driver, async (tx) => {
      // Another process may have applied it while we waited for the lock.
      const now = await appliedMigrations(tx);
      if (now.some((a) => a.version === migration.version)) return;
      await tx.exec(migration.script);
      await tx.run(`INSERT INTO ${MIGRATIONS_TABLE} (version, name, applied_ms) VALUES (?, ?, ?)`, [migration.version, migration.name, nowMs()]);
    });
  }
  return locked(driver, appliedMigrations);
}
