export { openPostgresArchive } from './openPostgresArchive.ts';
export { PostgresDriver, numberPlaceholders, redactUrl } from './PostgresDriver.ts';
