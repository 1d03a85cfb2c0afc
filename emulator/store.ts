/**
 * The emulator's repository: a small JCR-like tree (nodes with properties and ordered children)
 * kept in one JSON file. Every mutation is written to a temporary file, flushed and renamed over
 * the previous one, so a kill during a write leaves the last good state. Node is single-threaded
 * and each mutation is synchronous, so concurrent requests cannot interleave half-written trees.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ecmaDateString } from '../core/domain/java-date';

export type JcrScalar = string | number | boolean;
export interface JcrBinary {
  readonly binary: string; // base64
}
export type JcrValue = JcrScalar | JcrScalar[] | JcrBinary;

export interface RepoNode {
  props: Record<string, JcrValue>;
  children: Record<string, RepoNode>;
}

export const isBinary = (v: JcrValue | undefined): v is JcrBinary =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as JcrBinary).binary === 'string';

export const newNode = (primaryType = 'nt:unstructured', props: Record<string, JcrValue> = {}): RepoNode => ({
  props: { 'jcr:primaryType': primaryType, ...props },
  children: {},
});

/** The repository's registered namespace prefixes (a name with another prefix is not a valid name). */
export const NAMESPACES: Readonly<Record<string, string>> = {
  jcr: 'http://www.jcp.org/jcr/1.0',
  nt: 'http://www.jcp.org/jcr/nt/1.0',
  mix: 'http://www.jcp.org/jcr/mix/1.0',
  rep: 'internal',
  sling: 'http://sling.apache.org/jcr/sling/1.0',
  cq: 'http://www.day.com/jcr/cq/1.0',
  granite: 'http://www.adobe.com/jcr/granite/1.0',
  vlt: 'http://www.day.com/jcr/vault/1.0',
  dam: 'http://www.day.com/dam/1.0',
  oak: 'http://jackrabbit.apache.org/oak/ns/1.0',
};

/** A path the repository can parse: no JCR-illegal character (`[ ] * |`) and only registered prefixes. */
export const isRepositoryPath = (path: string): boolean =>
  splitPath(path).every((name) => {
    const colon = name.indexOf(':');
    return !/[[\]*|]/.test(name) && (colon < 0 || Object.prototype.hasOwnProperty.call(NAMESPACES, name.slice(0, colon)));
  });

/** Names that would reach or replace an object prototype: never a node name. */
const PROTOTYPE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
export const isSafeNodeName = (name: string): boolean => !PROTOTYPE_NAMES.has(name);

/** A child by name, own properties only: a lookup can never return an object prototype. */
const childOf = (node: RepoNode, name: string): RepoNode | undefined =>
  Object.prototype.hasOwnProperty.call(node.children, name) ? node.children[name] : undefined;

function assertSafe(name: string): void {
  if (!isSafeNodeName(name)) throw new Error(`Refused node name: ${name}`);
}

export const splitPath = (path: string): string[] => path.split('/').filter((s) => s.length > 0);
export const parentPath = (path: string): string => {
  const parts = splitPath(path);
  return parts.length <= 1 ? '/' : `/${parts.slice(0, -1).join('/')}`;
};
export const nodeName = (path: string): string => splitPath(path).pop() ?? '';
export const joinPath = (parent: string, name: string): string => (parent === '/' ? `/${name}` : `${parent}/${name}`);

export function findNode(root: RepoNode, path: string): RepoNode | undefined {
  let node: RepoNode | undefined = root;
  for (const part of splitPath(path)) {
    node = childOf(node, part);
    if (!node) return undefined;
  }
  return node;
}

/**
 * The repository, in memory and (with a file) on disk. Writes are group-committed: a change is
 * applied at once, and one snapshot write (temp file, fsync, rename) carries every change made
 * meanwhile, so a burst of writes costs one rewrite instead of one each and reads are not held
 * up. `flushed()` resolves once every change made so far is on disk: the server answers a write
 * only then, so an acknowledged write survives a kill.
 */
export class Repository {
  private root: RepoNode;
  private changed = 0;
  private onDisk = 0;
  private flushing: Promise<void> | undefined;
  /** Snapshot writes so far (tests: a burst is coalesced). */
  snapshotWrites = 0;

  private constructor(
    private readonly file: string | null,
    root: RepoNode,
  ) {
    this.root = root;
  }

  /** Opens the store at `file` (or in memory when null); `seed` builds a fresh repository. */
  static open(file: string | null, seed: () => RepoNode, options: { reset?: boolean } = {}): Repository {
    if (file) removeStaleTempFiles(file);
    if (file && !options.reset && existsSync(file)) {
      const root = JSON.parse(readFileSync(file, 'utf8')) as RepoNode;
      return new Repository(file, root);
    }
    const repo = new Repository(file, seed());
    repo.persistNow();
    return repo;
  }

  get(path: string): RepoNode | undefined {
    return findNode(this.root, path);
  }

  exists(path: string): boolean {
    return this.get(path) !== undefined;
  }

  /** Runs a group of changes; they reach the disk with the next snapshot. */
  change<T>(fn: (tx: RepositoryTransaction) => T): T {
    const result = fn(new RepositoryTransaction(this.root));
    this.markChanged();
    return result;
  }

  /** Replaces the whole tree (reset). */
  replaceAll(root: RepoNode): void {
    this.root = root;
    this.markChanged();
  }

  /** Some change is not on disk yet. */
  get pending(): boolean {
    return this.onDisk < this.changed;
  }

  /** Resolves once every change made so far is on disk; rejects when the disk write failed. */
  async flushed(): Promise<void> {
    const target = this.changed;
    while (this.onDisk < target) {
      this.scheduleFlush();
      await this.flushing;
    }
  }

  /** Reads the binary of an nt:file (its jcr:content/jcr:data). */
  readFile(path: string): Buffer | undefined {
    const data = this.get(path)?.children['jcr:content']?.props['jcr:data'];
    return isBinary(data) ? Buffer.from(data.binary, 'base64') : undefined;
  }

  /** Depth-first walk below `path` (inclusive). */
  *walk(path: string): Generator<[string, RepoNode]> {
    const start = this.get(path);
    if (!start) return;
    const stack: [string, RepoNode][] = [[path, start]];
    while (stack.length) {
      const [p, n] = stack.pop() as [string, RepoNode];
      yield [p, n];
      for (const name of Object.keys(n.children).reverse()) stack.push([joinPath(p, name), n.children[name]]);
    }
  }

  private markChanged(): void {
    this.changed += 1;
    if (!this.file) this.onDisk = this.changed;
    else this.scheduleFlush();
  }

  /** One snapshot at a time; changes made while it is written go into the next one. */
  private scheduleFlush(): void {
    if (this.flushing || !this.pending) return;
    this.flushing = (async () => {
      // Let the writes of the same tick join this snapshot.
      await new Promise((r) => setImmediate(r));
      const upTo = this.changed;
      await this.writeSnapshot(JSON.stringify(this.root));
      this.onDisk = upTo;
    })().finally(() => {
      this.flushing = undefined;
      if (this.pending) this.scheduleFlush();
    });
    this.flushing.catch(() => undefined); // reported to whoever awaits flushed()
  }

  private tempFile(): string {
    return `${this.file}.${process.pid}.tmp`;
  }

  private async writeSnapshot(text: string): Promise<void> {
    const file = this.file as string;
    await mkdir(dirname(file), { recursive: true });
    const handle = await open(this.tempFile(), 'w');
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(this.tempFile(), file);
    this.snapshotWrites += 1;
  }

  /** The first write of a new store, before the server listens. */
  private persistNow(): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const fd = openSync(this.tempFile(), 'w');
    try {
      writeSync(fd, JSON.stringify(this.root));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(this.tempFile(), this.file);
    this.snapshotWrites += 1;
  }
}

/** Temp files a killed emulator left beside the store (`<file>.<pid>.tmp`): never a valid state, removed. */
function removeStaleTempFiles(file: string): void {
  const dir = dirname(file);
  if (!existsSync(dir)) return;
  const prefix = `${basename(file)}.`;
  for (const name of readdirSync(dir)) if (name.startsWith(prefix) && /\.\d+\.tmp$/.test(name)) rmSync(join(dir, name), { force: true });
}

/** Mutations, only reachable inside Repository.change so every change is persisted. */
export class RepositoryTransaction {
  constructor(private readonly root: RepoNode) {}

  get(path: string): RepoNode | undefined {
    return findNode(this.root, path);
  }

  /** Returns the node at `path`, creating it and missing ancestors with the given type. */
  ensure(path: string, primaryType = 'nt:unstructured', ancestorType = 'nt:unstructured'): RepoNode {
    let node = this.root;
    const parts = splitPath(path);
    parts.forEach((part, i) => {
      assertSafe(part);
      if (!childOf(node, part)) node.children[part] = newNode(i === parts.length - 1 ? primaryType : ancestorType);
      node = node.children[part];
    });
    return node;
  }

  put(path: string, node: RepoNode): void {
    const parent = this.ensure(parentPath(path), 'nt:unstructured');
    assertSafe(nodeName(path));
    parent.children[nodeName(path)] = node;
  }

  setProps(path: string, props: Record<string, JcrValue | null>): RepoNode {
    const node = this.ensure(path);
    for (const [k, v] of Object.entries(props)) {
      assertSafe(k);
      if (v === null) delete node.props[k];
      else node.props[k] = v;
    }
    return node;
  }

  remove(path: string): boolean {
    const parent = this.get(parentPath(path));
    const name = nodeName(path);
    if (!parent || !childOf(parent, name)) return false;
    delete parent.children[name];
    return true;
  }

  /**
   * Writes an nt:file with its jcr:content binary. nt:file is mix:created: `jcr:created` is set
   * when the file is first written (Sling renders dates in the ECMA form) and kept on a rewrite.
   */
  writeFile(path: string, data: Buffer, mimeType = 'application/octet-stream', now = new Date()): void {
    const before = this.get(path)?.props['jcr:created'];
    const file = newNode('nt:file', { 'jcr:created': typeof before === 'string' ? before : ecmaDateString(now) });
    file.children['jcr:content'] = newNode('nt:resource', {
      'jcr:data': { binary: data.toString('base64') },
      'jcr:mimeType': mimeType,
    });
    this.put(path, file);
  }
}
