/**
 * Client libraries as AEM resolves them: categories → ordered CSS and JS URLs, dependencies
 * first. AEM's own libraries (Coral, jQuery, Granite foundation) are built in and served from
 * node_modules and the emulator's Granite stand-in; project libraries are cq:ClientLibraryFolder
 * nodes in the repository, served through the /etc.clientlibs proxy (allowProxy).
 */
import type { Repository, RepoNode } from './store';
import { CORAL_DIST, GRANITE_STAND_IN_JS, JQUERY_JS, LOCAL_FONTS_JS } from './paths';

export const GRANITE_LIBS = '/etc.clientlibs/clientlibs/granite';
export const CORAL_BASE = `${GRANITE_LIBS}/coralui3`;

export interface ScriptRef {
  src: string;
  attrs?: Record<string, string>;
}

export interface ClientLibrary {
  category: string;
  dependencies: string[];
  css: string[];
  js: ScriptRef[];
}

/** AEM-shipped libraries the emulator stands in for. */
const BUILT_IN: ClientLibrary[] = [
  { category: 'granite.jquery', dependencies: [], css: [], js: [{ src: `${GRANITE_LIBS}/jquery.js` }] },
  {
    category: 'coralui3',
    dependencies: [],
    css: [`${CORAL_BASE}/css/coral.min.css`],
    // The local font stand-in first: the emulator contacts no outside host (Coral's Typekit).
    js: [
      { src: `${GRANITE_LIBS}/local-fonts.js` },
      { src: `${CORAL_BASE}/js/coral.min.js`, attrs: { 'data-coral-icons': `${CORAL_BASE}/resources/` } },
    ],
  },
  { category: 'granite.ui.foundation', dependencies: ['granite.jquery'], css: [], js: [{ src: `${GRANITE_LIBS}/foundation.js` }] },
  { category: 'granite.ui.coral.foundation', dependencies: ['granite.jquery', 'coralui3', 'granite.ui.foundation'], css: [], js: [] },
  // AEM's CSRF library patches XHR and forms; the panel's AEM session sends tokens itself.
  { category: 'granite.csrf.standalone', dependencies: ['granite.jquery'], css: [], js: [] },
];

/** Static files behind the built-in URLs. */
export const BUILT_IN_FILES: { prefix: string; dir?: string; file?: string }[] = [
  { prefix: `${GRANITE_LIBS}/jquery.js`, file: JQUERY_JS },
  { prefix: `${GRANITE_LIBS}/foundation.js`, file: GRANITE_STAND_IN_JS },
  { prefix: `${GRANITE_LIBS}/local-fonts.js`, file: LOCAL_FONTS_JS },
  { prefix: `${CORAL_BASE}/`, dir: CORAL_DIST },
];

const asArray = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

/** `/apps/x/clientlibs/y` is proxied as `/etc.clientlibs/x/clientlibs/y`. */
export const proxyPath = (folderPath: string): string => folderPath.replace(/^\/(apps|libs)\//, '/etc.clientlibs/');

function repositoryLibraries(repo: Repository): ClientLibrary[] {
  const libs: ClientLibrary[] = [];
  for (const [path, node] of repo.walk('/apps')) {
    if (node.props['jcr:primaryType'] !== 'cq:ClientLibraryFolder') continue;
    const base = proxyPath(path);
    for (const category of asArray(node.props.categories)) {
      libs.push({
        category,
        dependencies: asArray(node.props.dependencies),
        css: node.children['css.txt'] ? [`${base}.css`] : [],
        js: node.children['js.txt'] ? [{ src: `${base}.js` }] : [],
      });
    }
  }
  return libs;
}

/** Resolves categories to CSS and JS in include order, each library once. */
export function resolveCategories(repo: Repository, categories: string[]): { css: string[]; js: ScriptRef[]; missing: string[] } {
  const all = [...BUILT_IN, ...repositoryLibraries(repo)];
  const seen = new Set<string>();
  const css: string[] = [];
  const js: ScriptRef[] = [];
  const missing: string[] = [];
  const visit = (category: string) => {
    if (seen.has(category)) return;
    seen.add(category);
    const libs = all.filter((l) => l.category === category);
    if (!libs.length) missing.push(category);
    for (const lib of libs) {
      lib.dependencies.forEach(visit);
      css.push(...lib.css);
      js.push(...lib.js);
    }
  };
  categories.forEach(visit);
  return { css, js, missing };
}

/** Reads js.txt / css.txt of a clientlib folder and concatenates the files it lists. */
export function concatenateClientlib(repo: Repository, folderPath: string, folder: RepoNode, kind: 'js' | 'css'): Buffer | undefined {
  if (folder.props.allowProxy !== true) return undefined;
  const list = repo.readFile(`${folderPath}/${kind}.txt`);
  if (!list) return undefined;
  let base = '';
  const parts: Buffer[] = [];
  for (const raw of list.toString('utf8').split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const baseDirective = /^#base=(.*)$/.exec(line);
    if (baseDirective) {
      base = baseDirective[1].trim();
      continue;
    }
    if (line.startsWith('#') || line.startsWith('//')) continue;
    const file = repo.readFile(
      [folderPath, base, line]
        .filter(Boolean)
        .join('/')
        .replace(/\/\.\//g, '/'),
    );
    if (file) parts.push(file, Buffer.from('\n'));
  }
  return Buffer.concat(parts);
}
