/**
 * The Granite CSRF filter's default configuration [contract: Session, CSRF and the page itself]: authenticated writes need a token,
 * except from the default "safe" user agents, which AEM lets through without one. That is why
 * curl recipes work against a real AEM without a token.
 */
export const DEFAULT_SAFE_USER_AGENTS = [
  'Apache-HttpClient/*',
  'Jakarta Commons-HttpClient/*',
  'Jakarta-Commons-VFS',
  'curl/*',
  'Wget/*',
  'WebDAVFS/*',
  'Microsoft-WebDAV-MiniRedir/*',
  'Ruby',
  'Adobe-Campaign/*',
  'Forms-Mobile *',
];

const patternToRegExp = (pattern: string) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
const SAFE = DEFAULT_SAFE_USER_AGENTS.map(patternToRegExp);

/** False for a request from a safe user agent: the filter does not ask it for a token. */
export function csrfCheckApplies(userAgent: string | undefined): boolean {
  return !SAFE.some((r) => r.test(userAgent ?? ''));
}
