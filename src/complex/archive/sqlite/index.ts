export { openSqliteArchive } from './openSqliteArchive.ts';
export { SqliteDriver } from './SqliteDriver.ts';
