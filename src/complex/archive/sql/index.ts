export { SqlArchive } from './SqlArchive.ts';
export type { Migration, SqlDriver, SqlExecutor, SqlRow, SqlValue } from './SqlDriver.ts';
export { MIGRATIONS_TABLE, checkMigrationList } from './migrate.ts';
export { ARCHIVE_SCHEMA, archiveMigrations, renderStep } from './schema.ts';
