/**
 * OSGi filter values (OSGi Core, "Filter Syntax"): `\`, `*`, `(` and `)` inside a value are each
 * preceded by a backslash. (LDAP's `\2a` hex form is not OSGi's: Felix reads it as the text "2a".)
 * Pure: used by the client's configuration-manager lookup and the emulator that answers it.
 */

/** A value that matches itself only: no wildcard, no closing of the filter early. */
export const escapeFilterValue = (value: string): string => value.replace(/[\\*()]/g, (c) => `\\${c}`);

/**
 * An item filter `(key=value)` as Felix reads it: a backslash takes the next character as it is,
 * an unescaped `*` matches any run of characters (`*` alone: the key is present). Undefined when the
 * text is not one such item.
 */
export function parseItemFilter(filter: string): { key: string; matches: (actual: string) => boolean; present: boolean } | undefined {
  const m = /^\(([^=()~<>]+)=((?:[^()\\]|\\.)*)\)$/s.exec(filter);
  if (!m) return undefined;
  const parts: string[] = [''];
  for (let i = 0; i < m[2].length; i++) {
    const c = m[2][i];
    if (c === '\\') parts[parts.length - 1] += m[2][++i];
    else if (c === '*') parts.push('');
    else parts[parts.length - 1] += c;
  }
  const present = parts.length === 2 && parts[0] === '' && parts[1] === '';
  const quote = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${parts.map(quote).join('.*')}$`, 's');
  return { key: m[1].trim(), matches: (actual) => pattern.test(actual), present };
}
