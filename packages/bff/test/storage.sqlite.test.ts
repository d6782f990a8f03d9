/** The storage contract (test/storage/repository-contract.ts) against SQLite on a real temp file per test. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/data/database.js';
import { sqliteStorage } from '../src/data/storage.js';
import { describeRepositoryContract } from './storage/repository-contract.js';

describeRepositoryContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bff-contract-'));
  const db = openDatabase(join(dir, 'bff.db'));
  return {
    ...sqliteStorage(db),
    async close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
