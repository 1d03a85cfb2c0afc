/**
 * One canonical form of every request path, made once before any rule runs (authentication,
 * CSRF, private paths, routing): percent-decoded per segment, repeated slashes collapsed, dot
 * segments resolved. A path that cannot be decoded, or that names an object-prototype member, has
 * no canonical form: it is answered 404 and never reaches the repository.
 */
import { isSafeNodeName } from './store';

export function canonicalPath(pathname: string): string | undefined {
  const out: string[] = [];
  for (const raw of pathname.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment.includes('/') || segment.includes('\0')) return undefined; // an encoded slash or NUL
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      out.pop();
      continue;
    }
    if (!isSafeNodeName(segment.split('.')[0]) || !isSafeNodeName(segment)) return undefined;
    out.push(segment);
  }
  // A trailing slash is kept: some AEM addresses are written with one (Package Manager's service).
  const trailing = pathname.length > 1 && pathname.endsWith('/') && out.length ? '/' : '';
  return `/${out.join('/')}${trailing}`;
}
