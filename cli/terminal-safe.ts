/**
 * Text for a terminal, whatever AEM put in it: control characters (escape sequences that clear
 * the screen or move the cursor, carriage returns that overwrite a line) and bidirectional
 * overrides become a visible U+FFFD, so a hostile error text can neither hide nor fake output.
 * Newlines and tabs stay.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export const terminalSafe = (text: string): string => text.replace(/\r\n/g, '\n').replace(UNSAFE, '\uFFFD');

/** The same for every string inside a value (tables printed from a report). */
export function terminalSafeDeep<T>(value: T): T {
  if (typeof value === 'string') return terminalSafe(value) as T;
  if (Array.isArray(value)) return value.map(terminalSafeDeep) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [terminalSafe(k), terminalSafeDeep(v)])) as T;
  return value;
}
