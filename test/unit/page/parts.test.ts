/**
 * The parts: each built part registers itself under the name parts.json gives it (that no part
 * makes an AEM session of its own is ESLint's rule: steps and ui take the page's); and errors made
 * by one copy of the code are recognised by another, as the page's and a part's copies must.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENDPOINTS } from '../../../core/contract/endpoints';
import { explainRequestError } from '../../../core/domain/explain-request';
import * as pageErrors from '../../../core/errors';
import { PART_MODULES } from '../../../ui.frontend/src/app/parts';
import { PROJECT_ROOT } from '../../../emulator/paths';

const BUILT = join(PROJECT_ROOT, 'ui.frontend/dist/clientlib-setup/parts');

test('the parts build made exactly the parts parts.json lists', () => {
  expect(readdirSync(BUILT).sort()).toEqual(
    Object.keys(PART_MODULES)
      .map((name) => `${name}.js`)
      .sort(),
  );
});

test.each(Object.keys(PART_MODULES))('the built part %s registers itself under its name', (name) => {
  const built = join(BUILT, `${name}.js`);
  expect(existsSync(built)).toBe(true);
  const text = readFileSync(built, 'utf8');
  const registers = new RegExp(
    `\\(window\\.__bpsetupParts=window\\.__bpsetupParts\\|\\|\\{\\}\\)(\\.${name}|\\[${JSON.stringify(name)}\\])=`,
  );
  expect(registers.test(text.replace(/\s+/g, ''))).toBe(true);
  expect(text).not.toContain('__bpsetupShared'); // no registry of the page's modules any more
});

test("errors made by another copy of the code (a part's) are explained as the page's own", () => {
  let partErrors: typeof pageErrors | undefined;
  jest.isolateModules(() => {
    partErrors = jest.requireActual<typeof pageErrors>('../../../core/errors');
  });
  const other = partErrors as typeof pageErrors;
  expect(other.TimeoutError).not.toBe(pageErrors.TimeoutError); // truly a second copy
  const cases: [Error, Error][] = [
    [new other.TimeoutError(30000), new pageErrors.TimeoutError(30000)],
    [new other.HealthUnavailableError(ENDPOINTS.checkHealth, 404), new pageErrors.HealthUnavailableError(ENDPOINTS.checkHealth, 404)],
    [new other.CsrfUnavailableError(404, '/t.json'), new pageErrors.CsrfUnavailableError(404, '/t.json')],
  ];
  for (const [theirs, ours] of cases) {
    expect(theirs).not.toBeInstanceOf(ours.constructor);
    expect(explainRequestError(theirs, ENDPOINTS)).toEqual(explainRequestError(ours, ENDPOINTS));
  }
  // A subclass counts as its base; a base is not its subclass; a plain Error is none of them.
  expect(pageErrors.isAemError(cases[1][0], 'EndpointUnavailableError')).toBe(true);
  expect(pageErrors.isAemError(new other.EndpointUnavailableError(ENDPOINTS.agentsRoot, 404), 'HealthUnavailableError')).toBe(false);
  expect(pageErrors.isAemError(new Error('TimeoutError'), 'TimeoutError')).toBe(false);
});
