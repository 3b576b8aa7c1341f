import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];

// Registered when a test file first imports this module (each file has its own module graph):
// that file's directories are removed, with everything in them, once its tests are done.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A fresh directory under the system's temporary folder, removed after the calling file's tests,
 * so that `npm test` leaves nothing behind in /tmp. Usable anywhere: in a test, a hook or at the
 * top of a file.
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
