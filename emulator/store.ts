/**
 * The emulator's repository: a small JCR-like tree (nodes with properties and ordered children)
 * kept in one JSON file. Every mutation is written to a temporary file, flushed and renamed over
 * the previous one, so a kill during a write leaves the last good state. Node is single-threaded
 * and each mutation is synchronous, so concurrent requests cannot interleave half-written trees.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ecmaDateString } from '../ui.frontend/src/domain/java-date';

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

export class Repository {
  private root: RepoNode;

  private constructor(
    private readonly file: string | null,
    root: RepoNode,
  ) {
    this.root = root;
  }

  /** Opens the store at `file` (or in memory when null); `seed` builds a fresh repository. */
  static open(file: string | null, seed: () => RepoNode, options: { reset?: boolean } = {}): Repository {
    if (file && !options.reset && existsSync(file)) {
      const root = JSON.parse(readFileSync(file, 'utf8')) as RepoNode;
      return new Repository(file, root);
    }
    const repo = new Repository(file, seed());
    repo.persist();
    return repo;
  }

  get(path: string): RepoNode | undefined {
    return findNode(this.root, path);
  }

  exists(path: string): boolean {
    return this.get(path) !== undefined;
  }

  /** Runs a group of changes and writes the result once. */
  change<T>(fn: (tx: RepositoryTransaction) => T): T {
    const result = fn(new RepositoryTransaction(this.root));
    this.persist();
    return result;
  }

  /** Replaces the whole tree (reset). */
  replaceAll(root: RepoNode): void {
    this.root = root;
    this.persist();
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

  private persist(): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, JSON.stringify(this.root));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file);
  }
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
