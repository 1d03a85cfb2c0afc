/**
 * Java's `Date.toString()` form, as AEM's keystore JSON prints certificate dates
 * (`Sun Jul 01 12:00:00 AEST 2018`), and Sling's JSON form of JCR dates: the emulator writes
 * them, the page reads them.
 */
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** A date in that form, in UTC. */
export function javaDateString(d: Date): string {
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/**
 * A date as Sling's JSON renders JCR dates (ECMA form, `Thu Dec 03 2026 19:26:00 GMT+0000`), in
 * UTC and to the second: the emulator writes it, and Date.parse reads it back.
 */
export function ecmaDateString(d: Date): string {
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} GMT+0000`;
}

/**
 * Milliseconds of a date text: ISO and RFC forms, and the Java form. A zone name JavaScript does
 * not know is read as UTC: at most half a day off, which does not change an expiry counted in days.
 */
export function parseDateText(text: string): number {
  const direct = Date.parse(text);
  if (!Number.isNaN(direct)) return direct;
  const m = /^\s*\w{3} (\w{3}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) \S+ (\d{4})\s*$/.exec(text);
  const month = m ? MONTHS.indexOf(m[1]) : -1;
  if (!m || month < 0) return NaN;
  return Date.UTC(Number(m[6]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
}
