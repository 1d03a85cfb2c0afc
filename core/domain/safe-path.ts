/**
 * Paths built from names AEM sent back. A browser rewrites `\` to `/`, decodes `%2e%2e` to `..`
 * and cuts at `?`, `#` or `;`, so a hostile node name can turn a delete into a delete elsewhere.
 * Only plain names are accepted and every path must sit canonically below the root it was built
 * from; anything else is refused, never repaired. Pure: no I/O.
 */

/** Letters, digits and `_ - . : @ ~`, not starting with a dot and with no `..`: what AEM's own names use. */
const PLAIN_NAME = /^[A-Za-z0-9_:@~-][A-Za-z0-9_.:@~-]*$/;

export const isPlainNodeName = (name: string): boolean => name.length <= 150 && PLAIN_NAME.test(name) && !name.includes('..');

/** An absolute path whose every segment is a plain name (so the browser sends it unchanged). */
export const isCanonicalPath = (path: string): boolean =>
  path.startsWith('/') && path.length > 1 && path.slice(1).split('/').every(isPlainNodeName);

/** `path` lies below `root` (at any depth, or exactly one level with `direct`), canonically. */
export function isCanonicalBelow(path: string, root: string, direct = false): boolean {
  if (!isCanonicalPath(root) || !isCanonicalPath(path) || !path.startsWith(`${root}/`)) return false;
  return !direct || !path.slice(root.length + 1).includes('/');
}

/** `root/name`, or undefined when the name is not plain. */
export const childPath = (root: string, name: string): string | undefined => (isPlainNodeName(name) ? `${root}/${name}` : undefined);
