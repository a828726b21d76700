import type Database from 'better-sqlite3';
import { type Migration, migrations as allMigrations } from './migrations';

/**
 * Brings the database up to the newest schema. The applied version is SQLite's user_version,
 * and each migration runs in its own transaction with the version bump, so a crash mid-way
 * leaves the database at the last complete version.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = allMigrations): number {
  const current = Number(db.pragma('user_version', { simple: true }));
  const newest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > newest) {
    throw new Error(`The run database is at schema version ${current}, newer than this dashboard knows (${newest}). Use the newer dashboard or another DATA_DIR.`);
  }
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return Math.max(current, newest);
}
