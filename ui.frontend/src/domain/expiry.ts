/** Certificate expiry in days, from any date text (keystore JSON dates are loosely specified). */
export const EXPIRY_WARNING_DAYS = 30;

export interface Expiry {
  expired: boolean;
  expiresSoon: boolean;
  daysLeft: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Milliseconds of a date text: ISO and RFC forms, and Java's `Date.toString()` as AEM's keystore
 * JSON prints it (`Sun Jul 01 12:00:00 AEST 2018`). A zone name JavaScript does not know is read as
 * UTC: at most half a day off, which does not change an expiry counted in days.
 */
export function parseDateText(text: string): number {
  const direct = Date.parse(text);
  if (!Number.isNaN(direct)) return direct;
  const m = /^\s*\w{3} (\w{3}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) \S+ (\d{4})\s*$/.exec(text);
  const month = m ? MONTHS.indexOf(m[1]) : -1;
  if (!m || month < 0) return NaN;
  return Date.UTC(Number(m[6]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
}

export function expiryOf(notAfter: string | Date, now = Date.now()): Expiry | undefined {
  const time = notAfter instanceof Date ? notAfter.getTime() : parseDateText(notAfter);
  if (Number.isNaN(time)) return undefined;
  const daysLeft = Math.floor((time - now) / 86400000);
  return { expired: time <= now, expiresSoon: time > now && daysLeft < EXPIRY_WARNING_DAYS, daysLeft };
}
