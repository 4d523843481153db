import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLmdbEnvironment, type LmdbEnvironment } from '../../../src/stores/lmdb/environment.js';

/** A data directory with the shared LMDB environment open in it; `reopen` closes and opens it again. */
export function tempEnvironment() {
  const dir = mkdtempSync(join(tmpdir(), 'carbyne-lmdb-'));
  const state = { env: openLmdbEnvironment(dir) as LmdbEnvironment };
  return {
    dir,
    get env() {
      return state.env;
    },
    async reopen() {
      await state.env.close();
      state.env = openLmdbEnvironment(dir);
      return state.env;
    },
    async destroy() {
      await state.env.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
