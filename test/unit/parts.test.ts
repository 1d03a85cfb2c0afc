/**
 * The parts (ui/parts.ts) keep one instance of everything with state: walking each part's imports
 * from its module, every module a part would bundle a copy of is free of module state, and every
 * module with state is one the page shares. The built parts register themselves under their names.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { PART_MODULES, SHARED } from '../../ui.frontend/src/ui/parts';
import { PROJECT_ROOT } from '../../emulator/paths';

const SRC = PROJECT_ROOT;
const PAGE = 'ui.frontend/src/';
const moduleId = (file: string) => relative(SRC, file).replace(/\.ts$/, '').split('\\').join('/');
const fileOf = (id: string) => join(SRC, `${id}.ts`);

/** Top-level `let`, or a top-level Map/Set, or a module object written to from outside a function. */
const MODULE_STATE = /^(export )?let |^(export )?const \w+(: [^=]+)? = new (Map|Set|WeakMap)\b/m;

/** Modules with state that parts never reach (they load parts, parts never load parts), and why. */
const PAGE_ONLY: Record<string, string> = {
  [`${PAGE}main`]: 'the clientlib entry',
  [`${PAGE}ui/on-demand`]: 'shows a part that cannot be fetched',
  [`${PAGE}ui/parts`]: 'fetches the parts',
};

/** Modules with state that is harmless when a part has its own copy, and why. */
const SAFE_TO_COPY: Record<string, string> = {
  [`${PAGE}ui/field`]: "a counter for element ids, which also carry the field's name, unique on the page",
};

/** Relative imports of a module, type-only ones excluded (they bundle nothing). */
function importsOf(id: string): string[] {
  const text = readFileSync(fileOf(id), 'utf8');
  const found = [...text.matchAll(/^(?:import|export) (?!type )[^;]*? from '(\.[^']+)';/gms)].map((m) => m[1]);
  return found.map((spec) => moduleId(resolve(dirname(fileOf(id)), spec)));
}

/** Everything a part bundles a copy of: its module and what it imports, stopping at shared modules. */
function bundledBy(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id) || id in SHARED) return;
    seen.add(id);
    importsOf(id).forEach(visit);
  };
  visit(entry);
  return seen;
}

test.each(Object.entries(PART_MODULES))('the part %s bundles no module that keeps state', (_name, entry) => {
  const bundled = [...bundledBy(PAGE + entry)];
  expect(bundled.length).toBeGreaterThan(3);
  const withState = bundled.filter((id) => MODULE_STATE.test(readFileSync(fileOf(id), 'utf8')) && !(id in SAFE_TO_COPY));
  expect(withState).toEqual([]);
  for (const id of Object.keys(PAGE_ONLY)) expect(bundled).not.toContain(id);
});

test('every module that keeps state is shared with the parts, or page-only for a stated reason', () => {
  const all = [...bundledBy(`${PAGE}main`), ...Object.keys(SHARED)];
  const withState = all.filter((id) => MODULE_STATE.test(readFileSync(fileOf(id), 'utf8')));
  expect(withState.length).toBeGreaterThan(3);
  for (const id of withState)
    expect(id in SHARED || id in PAGE_ONLY || id in SAFE_TO_COPY ? id : `${id}: keeps state, neither shared nor page-only`).toBe(id);
  // The endpoint map's addresses change when overrides apply: shared too.
  expect(Object.keys(SHARED)).toContain('core/contract/endpoints');
});

test('the state check sees module state where there is some', () => {
  expect(MODULE_STATE.test('let kept: { token: string } | undefined;\nexport const x = 1;')).toBe(true);
  expect(MODULE_STATE.test('const pending = new Set<Promise<unknown>>();')).toBe(true);
  expect(MODULE_STATE.test('export function f() {\n  let local = 1;\n  return local;\n}')).toBe(false);
});

test.each(Object.keys(PART_MODULES))('the built part %s registers itself under its name', (name) => {
  const built = join(PROJECT_ROOT, 'ui.frontend/dist/clientlib-setup/parts', `${name}.js`);
  expect(existsSync(built)).toBe(true);
  const text = readFileSync(built, 'utf8');
  const registers = new RegExp(
    `\\(window\\.__bpsetupParts=window\\.__bpsetupParts\\|\\|\\{\\}\\)(\\.${name}|\\[${JSON.stringify(name)}\\])=`,
  );
  expect(registers.test(text.replace(/\s+/g, ''))).toBe(true);
  // Shared modules come from the page, never bundled: no second aemFetch (its CSRF token, its
  // timeout), whose requests alone ask for `cache: 'no-store'`.
  expect(/__bpsetupShared\W+core\//.test(text)).toBe(true);
  expect(/no-store/.test(text)).toBe(false);
});
