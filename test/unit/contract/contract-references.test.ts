/**
 * Every contract citation resolves: each endpoint entry's `contract` and each `[contract: …]` in
 * the code names a heading of docs/aem-contract.md, and no citation uses the old section numbers,
 * which this repository's document does not have.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENDPOINTS } from '../../../core/contract/endpoints';
import { PROJECT_ROOT } from '../../../emulator/paths';

const headings = new Set(
  readFileSync(join(PROJECT_ROOT, 'docs/aem-contract.md'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('## '))
    .map((l) => l.slice(3).trim()),
);
const files = execFileSync('git', ['ls-files', '*.ts', '*.js', '*.jsp', '*.xml'], { cwd: PROJECT_ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((f) => f && !f.endsWith('contract-references.test.ts'));
const texts = files.map((f) => [f, readFileSync(join(PROJECT_ROOT, f), 'utf8')] as const);

test('every endpoint entry names a heading of the contract document', () => {
  const unknown = Object.entries(ENDPOINTS).filter(([, e]) => !headings.has(e.contract));
  expect(unknown.map(([k, e]) => `${k}: ${e.contract}`)).toEqual([]);
});

test('every [contract: …] citation in the code names a heading', () => {
  const cited = texts.flatMap(([f, s]) => [...s.matchAll(/\[contract: ([^\]]+)\]/g)].map((m) => [f, m[1]] as const));
  expect(cited.length).toBeGreaterThan(50);
  expect(cited.filter(([, h]) => !headings.has(h)).map(([f, h]) => `${f}: ${h}`)).toEqual([]);
});

test('no citation uses section numbers or pain-point numbers from outside the repository', () => {
  const stale = texts.flatMap(([f, s]) => (/\bcontract (?:rule )?\d|\bpain points? \d/.test(s) ? [f] : []));
  expect(stale).toEqual([]);
});
