/** A fresh folder under the project's git-ignored .tmp (created when missing: a new clone has none). */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../emulator/paths';

export function tempDir(prefix: string): string {
  const root = join(PROJECT_ROOT, '.tmp');
  mkdirSync(root, { recursive: true });
  return mkdtempSync(join(root, prefix));
}
