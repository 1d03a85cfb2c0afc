// The project's seams (docs/architecture.md), as one ESLint rule: every module a file reaches by a
// relative path (an import, an export ... from, a dynamic import(), a type's `typeof import()`)
// is resolved to its folder, and the folder pairs below are refused. no-restricted-imports sees
// only the text of an import; this sees where it lands, so `../brand-portal/x` from another
// feature is caught however it is spelled.
'use strict';
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const PAGE = 'ui.frontend/src/';

/** The seam a project file lies in: a floor, the page's app, ui kit, or one feature by name. */
function seamOf(file) {
  const rel = path.relative(ROOT, file).split(path.sep).join('/');
  if (rel.startsWith(PAGE + 'features/')) return { kind: 'feature', name: rel.slice((PAGE + 'features/').length).split('/')[0], rel };
  for (const [prefix, kind] of [
    [PAGE + 'app/', 'app'],
    [PAGE + 'ui/', 'ui'],
    ['core/', 'core'],
    ['cli/', 'cli'],
    ['emulator/', 'emulator'],
  ])
    if (rel.startsWith(prefix)) return { kind, rel };
  return { kind: 'other', rel };
}

/** Why `from` may not reach `to`, or nothing when it may. */
function refusal(from, to) {
  const page = ['app', 'ui', 'feature'];
  if (from.kind === 'core' && to.kind !== 'core' && to.kind !== 'other')
    return 'core/ is shared by the page, the CLI and the emulator: it imports none of them.';
  if (from.kind === 'cli' && (to.kind === 'emulator' || page.includes(to.kind)))
    return 'The CLI stands on core/ alone: never the emulator (it must work against a real AEM) or page code.';
  if (from.kind === 'emulator' && (to.kind === 'cli' || page.includes(to.kind)))
    return 'The emulator stands on core/ alone: never the CLI that is tested against it, or page code.';
  if (from.kind === 'ui' && (to.kind === 'feature' || to.kind === 'app'))
    return 'ui/ is the kit of generic components: features and the app use it, never the other way round.';
  if (from.kind === 'feature' && to.kind === 'feature' && to.name !== from.name)
    return `Feature "${from.name}" may not reach into feature "${to.name}": a route across features goes through the page's port (app/port.ts).`;
  if (from.kind === 'feature' && to.kind === 'app' && !/^ui\.frontend\/src\/app\/(port|parts)(\.ts)?$/.test(to.rel))
    return 'A feature uses only the page port (app/port.ts) and the parts loader (app/parts.ts) of the app.';
  return undefined;
}

const seams = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps the floors, the page app, its features and its ui kit apart (docs/architecture.md).' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const from = seamOf(file);
    if (from.kind === 'other') return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const to = seamOf(path.resolve(path.dirname(file), spec));
      const why = refusal(from, to);
      if (why) context.report({ node, message: `${spec}: ${why}` });
    };
    const literal = (node) => (node && node.type === 'Literal' ? node.value : undefined);
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, literal(node.source)),
      // `typeof import('../x')` in a type: its argument is a literal type (older parsers: the literal itself).
      TSImportType: (node) => check(node, literal(node.argument && node.argument.literal) ?? literal(node.argument)),
      CallExpression: (node) =>
        node.callee.type === 'Identifier' && node.callee.name === 'require' && check(node, literal(node.arguments[0])),
    };
  },
};

module.exports = { rules: { seams } };
