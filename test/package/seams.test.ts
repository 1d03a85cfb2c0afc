/**
 * The seams the tools enforce (eslint.config.js, eslint/seams.js), each shown failing on a file
 * that breaks it, at the path it would have: a feature reaching into another (also through
 * `typeof import()`), ui/ reaching into a feature, a feature into the app's shell, the browser or
 * Node (globals or types) in core/, the CLI and the emulator importing each other, and a file over
 * 300 lines of code. The same files placed where they are allowed pass.
 */
import { ESLint } from 'eslint';
import { PROJECT_ROOT } from '../../emulator/paths';

// The project's own configuration, handed over as it is (ESLint would import it dynamically, which Jest's VM refuses).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../../eslint.config.js') as ESLint.Options['overrideConfig'];
const eslint = new ESLint({ cwd: PROJECT_ROOT, overrideConfigFile: true, overrideConfig: config });

/** The rules that fire on `code` placed at `path`, with their messages. */
async function findings(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${PROJECT_ROOT}/${path}` });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

test.each([
  [
    'a feature importing another feature',
    'ui.frontend/src/features/health/x.ts',
    "export { BrandPortalStep } from '../brand-portal/brand-portal';\n",
    /seams\/seams: .*Feature "health" may not reach into feature "brand-portal"/,
  ],
  [
    'a feature naming another through typeof import()',
    'ui.frontend/src/features/health/x.ts',
    "export type Step = typeof import('../brand-portal/brand-portal');\n",
    /seams\/seams: .*may not reach into feature "brand-portal"/,
  ],
  [
    'a feature using the shell, not the port',
    'ui.frontend/src/features/health/x.ts',
    "export { SetupPage } from '../../app/setup-page';\n",
    /seams\/seams: .*only the page port/,
  ],
  [
    'ui/ importing a feature',
    'ui.frontend/src/ui/x.ts',
    "export { HealthStep } from '../features/health/health';\n",
    /seams\/seams: .*ui\/ is the kit of generic components/,
  ],
  [
    'window.Granite in core/',
    'core/domain/x.ts',
    'export const granite = () => window.Granite;\n',
    /no-restricted-globals: .*core\/ never reaches the browser/,
  ],
  [
    'a DOM type in core/',
    'core/aem/x.ts',
    'export const text = (e: HTMLElement): string => e.textContent ?? "";\n',
    /no-restricted-types: .*no DOM or Node types/,
  ],
  [
    'a Node type in core/',
    'core/domain/x.ts',
    'export const size = (b: Buffer): number => b.length;\n',
    /no-restricted-types: .*no DOM or Node types/,
  ],
  ['process in core/', 'core/domain/x.ts', 'export const home = () => process.env.HOME;\n', /no-restricted-globals: .*never reaches Node/],
  [
    'core/ importing the emulator',
    'core/domain/x.ts',
    "export { startEmulator } from '../../emulator/server';\n",
    /seams\/seams: .*core\/ is shared/,
  ],
  [
    'the CLI importing the emulator',
    'cli/x.ts',
    "export { startEmulator } from '../emulator/server';\n",
    /seams\/seams: .*The CLI stands on core\/ alone/,
  ],
  [
    'the emulator importing the CLI',
    'emulator/x.ts',
    "export { probe } from '../cli/probe';\n",
    /seams\/seams: .*The emulator stands on core\/ alone/,
  ],
  [
    'a file over 300 lines of code',
    'core/domain/x.ts',
    Array.from({ length: 301 }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n',
    /max-lines: File has too many lines \(301\)/,
  ],
])('refused: %s', async (_what, path, code, expected) => {
  expect(await findings(path, code)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
});

test.each([
  [
    'a feature using its own module, the ui kit, the port and the parts loader',
    'ui.frontend/src/features/health/x.ts',
    "export { HealthStep } from './health';\nexport { el } from '../../ui/dom';\nexport type { PageContext } from '../../app/port';\nexport { loadPart } from '../../app/parts';\n",
  ],
  [
    'the app naming a part by its module type',
    'ui.frontend/src/app/x.ts',
    "import type * as Summary from '../features/whole-setup/summary';\nexport type S = typeof Summary;\n",
  ],
  ['the emulator using the contract', 'emulator/x.ts', "export { ENDPOINTS } from '../core/contract/endpoints';\n"],
  [
    '300 lines of code, with comments beside them',
    'core/domain/x.ts',
    Array.from({ length: 300 }, (_, i) => `/** ${i} */\nexport const v${i} = ${i};`).join('\n') + '\n',
  ],
])('allowed: %s', async (_what, path, code) => {
  expect(await findings(path, code)).toEqual([]);
});
