/** Certificate expiry in days, from any date text (keystore JSON dates are loosely specified). */
import { parseDateText } from './java-date';

export const EXPIRY_WARNING_DAYS = 30;

export interface Expiry {
  expired: boolean;
  expiresSoon: boolean;
  daysLeft: number;
}

export function expiryOf(notAfter: string | Date, now = Date.now()): Expiry | undefined {
  const time = notAfter instanceof Date ? notAfter.getTime() : parseDateText(notAfter);
  if (Number.isNaN(time)) return undefined;
  const daysLeft = Math.floor((time - now) / 86400000);
  return { expired: time <= now, expiresSoon: time > now && daysLeft < EXPIRY_WARNING_DAYS, daysLeft };
}
