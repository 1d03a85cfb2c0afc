/**
 * Package Manager's "build", as FileVault writes it: each filter root exported from the repository
 * as docview `.content.xml` (one per root, its whole subtree inside), `nt:file` nodes as plain files,
 * and META-INF/vault's properties.xml and filter.xml. The emulator installs what it exports
 * (package-install.ts reads the same format back).
 */
import yazl from 'yazl';
import { type JcrScalar, type JcrValue, type RepoNode, type Repository, NAMESPACES, isBinary, splitPath } from './store';
import { PackageError } from './package-install';

const xmlEscape = (s: string): string =>
  s.replace(
    /[&<>"\n\r\t]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\n': '&#xa;', '\r': '&#xd;', '\t': '&#x9;' })[c] ?? c,
  );

/** ISO 9075 names: a character XML does not allow in a name becomes `_xHHHH_` (and so does a literal `_x`). */
function encodeIso9075(name: string): string {
  return [...name]
    .map((c, i) => {
      const literalEscape = c === '_' && name[i + 1] === 'x';
      const ok = i === 0 ? /[A-Za-z_:]/.test(c) : /[A-Za-z0-9_:.-]/.test(c);
      return ok && !literalEscape ? c : `_x${c.codePointAt(0)?.toString(16).padStart(4, '0')}_`;
    })
    .join('');
}

const typeOf = (values: JcrScalar[]): string =>
  values.some((v) => typeof v === 'boolean')
    ? '{Boolean}'
    : values.some((v) => typeof v === 'number')
      ? values.every((v) => Number.isInteger(v))
        ? '{Long}'
        : '{Double}'
      : '';

/** A docview attribute value: `{Type}` for non-strings, `[a,b]` for multi-values, `\` before what would read as syntax. */
export function docviewValue(value: JcrValue): string {
  if (isBinary(value)) throw new PackageError('a binary property outside an nt:file cannot be exported');
  if (Array.isArray(value)) return `${typeOf(value)}[${value.map((v) => String(v).replace(/[\\,]/g, (c) => `\\${c}`)).join(',')}]`;
  const text = String(value);
  return `${typeOf([value])}${typeof value === 'string' && /^[{[\\]/.test(text) ? '\\' : ''}${text}`;
}

function prefixesOf(node: RepoNode, into: Set<string>): Set<string> {
  for (const name of [...Object.keys(node.props), ...Object.keys(node.children), String(node.props['jcr:primaryType'] ?? '')]) {
    const colon = name.indexOf(':');
    if (colon > 0) into.add(name.slice(0, colon));
  }
  for (const child of Object.values(node.children)) prefixesOf(child, into);
  return into;
}

function element(name: string, node: RepoNode, indent: string, namespaces = ''): string {
  const attrs = Object.entries(node.props)
    .sort(([a], [b]) => (a === 'jcr:primaryType' ? -1 : b === 'jcr:primaryType' ? 1 : 0))
    .map(([k, v]) => `${indent}    ${k}="${xmlEscape(docviewValue(v))}"`);
  const children = Object.entries(node.children).map(([n, c]) => element(encodeIso9075(n), c, `${indent}    `));
  const open = `${indent}<${name}${namespaces}${attrs.length ? `\n${attrs.join('\n')}` : ''}`;
  return children.length ? `${open}>\n${children.join('')}${indent}</${name}>\n` : `${open}/>\n`;
}

/** One node and its subtree as a `.content.xml` document. */
export function docviewXml(node: RepoNode): string {
  const prefixes = prefixesOf(node, new Set(['jcr']));
  const unknown = [...prefixes].find((p) => !NAMESPACES[p]);
  if (unknown) throw new PackageError(`the namespace prefix "${unknown}" is not registered`);
  const xmlns = [...prefixes]
    .sort()
    .map((p) => ` xmlns:${p}="${NAMESPACES[p]}"`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element('jcr:root', node, '', xmlns)}`;
}

/** FileVault's platform name of a JCR name: `jcr:content` → `_jcr_content`; characters a file system refuses, %-escaped. */
export function jcrToPlatformName(name: string): string {
  const ns = /^([a-zA-Z0-9]+):(.+)$/.exec(name);
  const plain = ns ? `_${ns[1]}_${ns[2]}` : /^_[a-zA-Z0-9]+_/.test(name) ? `_${name}` : name;
  return plain.replace(/[%/\\:*?"<>|]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

const platformPath = (path: string): string => splitPath(path).map(jcrToPlatformName).join('/');

const isFile = (node: RepoNode): boolean =>
  node.props['jcr:primaryType'] === 'nt:file' && isBinary(node.children['jcr:content']?.props['jcr:data']);

/** The zip entries of one exported subtree: `nt:file` nodes as files, the rest in one docview beside them. */
function exportTree(path: string, node: RepoNode, entries: Map<string, Buffer>): void {
  const at = `jcr_root/${platformPath(path)}`;
  if (isFile(node)) {
    const data = node.children['jcr:content'].props['jcr:data'];
    entries.set(at, Buffer.from(isBinary(data) ? data.binary : '', 'base64'));
    return;
  }
  const files = Object.entries(node.children).filter(([, c]) => isFile(c));
  const rest: RepoNode = { props: node.props, children: Object.fromEntries(Object.entries(node.children).filter(([, c]) => !isFile(c))) };
  entries.set(`${at}/.content.xml`, Buffer.from(docviewXml(rest)));
  for (const [name, child] of files) exportTree(`${path}/${name}`, child, entries);
}

export interface PackageDefinition {
  group: string;
  name: string;
  version: string;
  description?: string;
  /** Filter roots, each taken whole (no include/exclude rules). */
  roots: string[];
}

export function filterXml(roots: readonly string[]): string {
  const lines = roots.map((r) => `    <filter root="${xmlEscape(r)}"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<workspaceFilter version="1.0">\n${lines.join('\n')}${lines.length ? '\n' : ''}</workspaceFilter>\n`;
}

function propertiesXml(def: PackageDefinition): string {
  const entries: [string, string][] = [
    ['name', def.name],
    ['group', def.group],
    ['version', def.version],
    ['description', def.description ?? ''],
    ['packageType', 'content'],
    ['requiresRoot', 'false'],
    ['acHandling', 'overwrite'],
  ];
  const lines = entries.map(([k, v]) => `<entry key="${xmlEscape(k)}">${xmlEscape(v)}</entry>`);
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!DOCTYPE properties SYSTEM "http://java.sun.com/dtd/properties.dtd">\n<properties>\n${lines.join('\n')}\n</properties>\n`;
}

/** The package's zip; `build` exports the roots' content from the repository (else only the definition). */
export function packageZip(def: PackageDefinition, repo?: Repository): Promise<Buffer> {
  const entries = new Map<string, Buffer>([
    ['META-INF/vault/properties.xml', Buffer.from(propertiesXml(def))],
    ['META-INF/vault/filter.xml', Buffer.from(filterXml(def.roots))],
  ]);
  if (repo)
    for (const root of def.roots) {
      const node = repo.get(root);
      if (node) exportTree(root, node, entries);
    }
  const zip = new yazl.ZipFile();
  for (const [name, data] of [...entries].sort(([a], [b]) => (a < b ? -1 : 1))) zip.addBuffer(data, name);
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}
