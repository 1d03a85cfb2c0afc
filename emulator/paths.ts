/** Where the emulator finds the project's files, whether it runs compiled (build/) or from source. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findProjectRoot(start: string): string {
  let dir = start;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'bpsetup') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('emulator: cannot find the project root (package.json of bpsetup)');
    dir = up;
  }
}

export const PROJECT_ROOT = findProjectRoot(__dirname);
export const CORAL_DIST = join(PROJECT_ROOT, 'node_modules/@adobe/coral-spectrum/dist');
export const JQUERY_JS = join(PROJECT_ROOT, 'node_modules/jquery/dist/jquery.min.js');
export const GRANITE_STAND_IN_JS = join(PROJECT_ROOT, 'build/emulator-static/granite.js');
/** A stand-in for Coral's outside font loader (emulator/static/local-fonts.js). */
export const LOCAL_FONTS_JS = join(PROJECT_ROOT, 'emulator/static/local-fonts.js');
export const TARGET_DIR = join(PROJECT_ROOT, 'target');

/** The container package `npm run build` wrote (ui.apps and ui.content inside), named after package.json's version. */
export function builtPackagePath(): string {
  const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
  return join(TARGET_DIR, `bpsetup.all-${version}.zip`);
}
