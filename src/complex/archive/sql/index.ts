export { SqlArchive } from './SqlArchive.ts';
export type { ColumnType, Migration, SqlColumn, SqlDriver, SqlExecutor, SqlRow, SqlValue } from './SqlDriver.ts';
export { MIGRATIONS_TABLE, checkMigrationList } from './migrate.ts';
export { ARCHIVE_SCHEMA, archiveMigrations, renderStep, tableColumns } from './schema.ts';
