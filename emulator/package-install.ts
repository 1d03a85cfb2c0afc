/**
 * Installs a FileVault content package into the emulator's repository the way Package Manager
 * does: reads META-INF/vault/properties.xml and filter.xml, turns jcr_root into nodes
 * (docview `.content.xml`, folders, files as nt:file), then for every filter root replaces the
 * covered content. Ancestors outside the filter are created only when missing, never changed.
 */
import yauzl from 'yauzl';
import { XMLParser } from 'fast-xml-parser';
import { type AcHandling, applyAccessLists } from './access-control';
import { parseDocview, platformToJcrName } from './docview';
import {
  type RepoNode,
  type Repository,
  type RepositoryTransaction,
  findNode,
  isSafeNodeName,
  joinPath,
  newNode,
  splitPath,
} from './store';

export interface FilterSet {
  root: string;
  /** FileVault import mode: `replace` (default) overwrites covered content; `merge` only adds what is missing. */
  mode: 'replace' | 'merge';
  /** include / exclude rules in document order: the last one that matches a path decides. */
  rules: { include: boolean; pattern: RegExp }[];
}

const AC_HANDLINGS: readonly AcHandling[] = ['ignore', 'overwrite', 'merge', 'merge_preserve', 'clear'];

export interface PackageInfo {
  name: string;
  group: string;
  version: string;
  filters: FilterSet[];
  /** `ignore` when the package does not say (FileVault's default): its access lists are not installed. */
  acHandling: AcHandling;
}

export interface InstallResult extends PackageInfo {
  /** Repository path of the stored package, `/etc/packages/<group>/<name>-<version>.zip`. */
  packagePath: string;
  /** Node paths written (covered by the filter). */
  written: string[];
  /** The sub packages installed with it (a container's), in the order they were installed. */
  subPackages: InstallResult[];
}

export interface InstallOptions {
  /**
   * Also install the sub packages the package holds under /etc/packages (Package Manager's
   * `recursive=true`); without it they are only stored there, as AEM leaves them.
   */
  recursive?: boolean;
}

/** Where a package holds its sub packages: zips under jcr_root/etc/packages (FileVault's layout). */
const SUB_PACKAGE = /^jcr_root\/etc\/packages\/.+\.zip$/;

export class PackageError extends Error {}

/** What Package Manager emulation accepts from one zip: a content package, not a zip bomb. */
export const PACKAGE_LIMITS = { entries: 5000, inflatedBytes: 64 * 1024 * 1024, depth: 40 };

export function readZip(buffer: Buffer, limits = PACKAGE_LIMITS): Promise<Map<string, Buffer | null>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(new PackageError(`not a zip file: ${err?.message ?? 'unreadable'}`));
      const entries = new Map<string, Buffer | null>();
      let inflated = 0;
      let failed = false;
      const fail = (message: string) => {
        if (failed) return;
        failed = true;
        zip.close();
        reject(new PackageError(message));
      };
      zip.on('error', (e: Error) => fail(`corrupt zip: ${e.message}`));
      zip.on('end', () => !failed && resolve(entries));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entries.size >= limits.entries) return fail(`the package has more than ${limits.entries} entries`);
        if (entry.fileName.split('/').filter(Boolean).length > limits.depth)
          return fail(`${entry.fileName.slice(0, 120)}…: deeper than ${limits.depth} folders`);
        if (entry.fileName.endsWith('/')) {
          entries.set(entry.fileName.replace(/\/$/, ''), null);
          zip.readEntry();
          return;
        }
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return fail(`corrupt entry ${entry.fileName}`);
          const chunks: Buffer[] = [];
          // Counted as it inflates: the sizes a zip declares can lie.
          stream.on('data', (c: Buffer) => {
            inflated += c.length;
            if (inflated > limits.inflatedBytes) {
              stream.destroy();
              fail(`the package inflates to more than ${Math.round(limits.inflatedBytes / 1048576)} MB`);
              return;
            }
            chunks.push(c);
          });
          stream.on('error', (se: Error) => fail(`corrupt entry ${entry.fileName}: ${se.message}`));
          stream.on('end', () => {
            if (failed) return;
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

// Values stay text: a version "1.10" is not the number 1.1.
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (n) => ['entry', 'filter', 'include', 'exclude'].includes(n),
});
/** filter.xml read with its elements in order: include and exclude rules are evaluated in sequence. */
const orderedXml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, parseAttributeValue: false });

export function parseProperties(text: string): Record<string, string> {
  const doc = xml.parse(text) as { properties?: { entry?: { key: string; '#text'?: string | number }[] } };
  const out: Record<string, string> = {};
  for (const e of doc.properties?.entry ?? []) out[e.key] = String(e['#text'] ?? '');
  return out;
}

/** FileVault patterns are regular expressions matched against the whole path. */
const anchored = (pattern: string) => new RegExp(`^(?:${pattern})$`);

type Ordered = Record<string, Ordered[] | string> & { ':@'?: Record<string, string> };
const childrenOf = (nodes: Ordered[], tag: string): Ordered[] => nodes.filter((n) => tag in n);

function parseFilter(text: string): FilterSet[] {
  const doc = orderedXml.parse(text) as Ordered[];
  const workspace = childrenOf(doc, 'workspaceFilter')[0];
  const filters = workspace ? childrenOf(workspace.workspaceFilter as Ordered[], 'filter') : [];
  if (!filters.length) throw new PackageError('filter.xml defines no filter root');
  return filters.map((f) => ({
    root: String(f[':@']?.root ?? ''),
    mode: f[':@']?.mode === 'merge' ? 'merge' : 'replace',
    rules: (f.filter as Ordered[])
      .filter((r) => 'include' in r || 'exclude' in r)
      .map((r) => ({ include: 'include' in r, pattern: anchored(String(r[':@']?.pattern ?? '')) })),
  }));
}

const under = (path: string, root: string) => path === root || path.startsWith(root === '/' ? '/' : `${root}/`);

/**
 * FileVault's rule: below the root, the last matching rule decides; where none matches, a path is
 * covered unless the first rule is an include (then only what is included is).
 */
function ruled(f: FilterSet, path: string): boolean {
  let covered = f.rules.length === 0 || !f.rules[0].include;
  for (const r of f.rules) if (r.pattern.test(path)) covered = r.include;
  return covered;
}

export function isCovered(filters: FilterSet[], path: string): boolean {
  return filters.some((f) => under(path, f.root) && ruled(f, path));
}

/** A `<name>.xml` file that is a docview document stands for the whole node `<name>` (FileVault's full coverage). */
function fullCoverageNode(entry: string, data: Buffer): RepoNode | undefined {
  if (!entry.endsWith('.xml') || !data.subarray(0, 4096).toString('utf8').includes('<jcr:root')) return undefined;
  try {
    return parseDocview(data.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Builds the package's content tree from its jcr_root entries. */
function buildTree(entries: Map<string, Buffer | null>): RepoNode {
  const root = newNode('rep:root');
  const dirOf = (entry: string) => {
    const parts = splitPath(entry.replace(/^jcr_root\/?/, '')).map(platformToJcrName);
    const bad = parts.find((p) => !isSafeNodeName(p) || p === '..');
    if (bad) throw new PackageError(`${entry}: the name "${bad}" cannot be a node name`);
    return parts;
  };
  const nodeAt = (parts: string[]) => {
    let node = root;
    for (const part of parts) {
      if (!node.children[part]) node.children[part] = newNode('nt:folder');
      node = node.children[part];
    }
    return node;
  };
  const names = [...entries.keys()].filter((n) => n === 'jcr_root' || n.startsWith('jcr_root/')).sort();
  // Docview files first, so that the files and folders beside them are added on top.
  const docviews = names.filter((n) => n.endsWith('/.content.xml'));
  for (const name of docviews) {
    const parts = dirOf(name.slice(0, -'/.content.xml'.length));
    let parsed: RepoNode;
    try {
      parsed = parseDocview((entries.get(name) as Buffer).toString('utf8'));
    } catch (e) {
      throw new PackageError(`${name}: ${(e as Error).message}`);
    }
    const target = nodeAt(parts);
    target.props = parsed.props;
    target.children = { ...parsed.children, ...target.children };
  }
  for (const name of names) {
    if (name.endsWith('/.content.xml')) continue;
    const data = entries.get(name);
    const parts = dirOf(name);
    if (data === null || data === undefined) {
      nodeAt(parts);
      continue;
    }
    const parent = nodeAt(parts.slice(0, -1));
    const docview = fullCoverageNode(name, data);
    if (docview) {
      // `_rep_policy.xml` and the like: the file describes the node named without `.xml`.
      parent.children[parts[parts.length - 1].slice(0, -'.xml'.length)] = docview;
      continue;
    }
    const file = newNode('nt:file');
    file.children['jcr:content'] = newNode('nt:resource', { 'jcr:data': { binary: data.toString('base64') } });
    parent.children[parts[parts.length - 1]] = file;
  }
  return root;
}

/** Merge mode: existing content is kept as it is; only nodes that do not exist yet are added. */
function addMissing(path: string, existing: RepoNode | undefined, pkg: RepoNode, written: string[]): RepoNode {
  if (!existing) written.push(path);
  const out: RepoNode = { props: existing ? existing.props : { ...pkg.props }, children: { ...(existing?.children ?? {}) } };
  for (const [name, child] of Object.entries(pkg.children))
    out.children[name] = addMissing(joinPath(path, name), existing?.children[name], child, written);
  return out;
}

/** Replace-mode merge: covered paths take the package's content, uncovered existing nodes stay. */
function merge(filters: FilterSet[], path: string, existing: RepoNode | undefined, pkg: RepoNode, written: string[]): RepoNode {
  const covered = isCovered(filters, path);
  if (covered) written.push(path);
  const out: RepoNode = { props: covered || !existing ? { ...pkg.props } : existing.props, children: {} };
  for (const [name, child] of Object.entries(pkg.children)) {
    out.children[name] = merge(filters, joinPath(path, name), existing?.children[name], child, written);
  }
  for (const [name, child] of Object.entries(existing?.children ?? {})) {
    if (!(name in out.children) && !isCovered(filters, joinPath(path, name))) out.children[name] = child;
  }
  return out;
}

export async function readPackage(buffer: Buffer): Promise<{ info: PackageInfo; entries: Map<string, Buffer | null> }> {
  const entries = await readZip(buffer);
  const props = entries.get('META-INF/vault/properties.xml');
  const filter = entries.get('META-INF/vault/filter.xml');
  if (!props) throw new PackageError('META-INF/vault/properties.xml is missing');
  if (!filter) throw new PackageError('META-INF/vault/filter.xml is missing');
  const p = parseProperties(props.toString('utf8'));
  // FileVault accepts a package without a version (it logs "Package does not specify a version").
  if (!p.name) throw new PackageError('properties.xml lacks the package name');
  const acHandling = (p.acHandling ?? 'ignore').toLowerCase() as AcHandling;
  if (!AC_HANDLINGS.includes(acHandling)) throw new PackageError(`properties.xml: unknown acHandling "${p.acHandling}"`);
  return {
    info: { name: p.name, group: p.group ?? '', version: p.version ?? '', filters: parseFilter(filter.toString('utf8')), acHandling },
    entries,
  };
}

export const packagePath = (info: Pick<PackageInfo, 'group' | 'name' | 'version'>): string =>
  `/etc/packages/${info.group ? `${info.group}/` : ''}${info.name}${info.version ? `-${info.version}` : ''}.zip`;

/** Stores the zip under /etc/packages (Package Manager "upload"). */
export function storePackage(tx: RepositoryTransaction, info: PackageInfo, buffer: Buffer): string {
  const path = packagePath(info);
  tx.ensure(path.slice(0, path.lastIndexOf('/')), 'nt:folder', 'nt:folder');
  tx.writeFile(path, buffer, 'application/zip');
  return path;
}

/** Writes the package content into the repository (Package Manager "install"), then its sub packages when recursive. */
export async function installPackage(repo: Repository, buffer: Buffer, options: InstallOptions = {}): Promise<InstallResult> {
  const { info, entries } = await readPackage(buffer);
  const tree = buildTree(entries);
  const written: string[] = [];
  const path = repo.change((tx) => {
    for (const filter of info.filters) {
      const parts = splitPath(filter.root);
      // Ancestors outside the filter: create when missing, from the package's definition if it has one.
      for (let i = 1; i < parts.length; i++) {
        const ancestor = `/${parts.slice(0, i).join('/')}`;
        if (!tx.get(ancestor)) {
          const def = findNode(tree, ancestor);
          tx.put(ancestor, { props: def ? { ...def.props } : newNode('nt:folder').props, children: {} });
        }
      }
      const pkgNode = findNode(tree, filter.root);
      if (!pkgNode) {
        if (filter.mode === 'replace' && isCovered([filter], filter.root)) tx.remove(filter.root);
        continue;
      }
      const existing = tx.get(filter.root);
      const installed =
        filter.mode === 'merge'
          ? addMissing(filter.root, existing, pkgNode, written)
          : merge([filter], filter.root, existing, pkgNode, written);
      applyAccessLists(installed, existing, pkgNode, info.acHandling);
      tx.put(filter.root, installed);
    }
    const stored = storePackage(tx, info, buffer);
    tx.setProps(`${stored}/jcr:content`, { 'vlt:lastUnpacked': new Date().toISOString() });
    return stored;
  });
  const subPackages: InstallResult[] = [];
  if (options.recursive)
    for (const [entry, data] of [...entries].sort(([a], [b]) => (a < b ? -1 : 1)))
      if (data && SUB_PACKAGE.test(entry)) subPackages.push(await installPackage(repo, data, options));
  return { ...info, packagePath: path, written, subPackages };
}

/** Every node path an install wrote, its sub packages' included. */
export const allWritten = (result: InstallResult): string[] => [...result.written, ...result.subPackages.flatMap(allWritten)];
