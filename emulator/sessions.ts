/**
 * Login sessions (cookie `login-token`) and CSRF tokens, as AEM's Granite authentication and
 * CSRF filter behave from the outside: tokens are HMAC-signed, short-lived, and bound to a user.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ADMINISTRATORS, type Principals } from './access-control';

export interface Credentials {
  user: string;
  password: string;
  /** Groups besides `everyone` (the administrator is in `administrators`). */
  groups?: string[];
}

export class Sessions {
  private readonly sessions = new Map<string, { user: string }>();

  /** The first account is the administrator (member of `administrators`); any others are not. */
  constructor(private readonly accounts: Credentials[]) {}

  isAdministrator(user: string | undefined): boolean {
    return user !== undefined && user === this.accounts[0]?.user;
  }

  /** The user's principals, as access control entries name them. */
  principalsOf(user: string): Principals {
    const groups = this.accounts.find((a) => a.user === user)?.groups ?? [];
    return { user, groups: this.isAdministrator(user) ? [ADMINISTRATORS, ...groups] : groups };
  }

  /** Whether an account of this name exists (a user, as UserManager would find it). */
  knows(user: string): boolean {
    return this.accounts.some((a) => a.user === user);
  }

  /** Every group an account is in (besides everyone and administrators): the groups this author has. */
  groups(): string[] {
    return [...new Set(this.accounts.flatMap((a) => a.groups ?? []))];
  }

  /** Checks credentials without opening a session (HTTP Basic, as curl and deploy scripts use). */
  verify(user: string, password: string): boolean {
    return this.accounts.some((a) => a.user === user && a.password === password);
  }

  /** `Authorization: Basic …` → the user, when the credentials are right. */
  basicUser(header: string | undefined): string | undefined {
    const m = /^Basic\s+(.+)$/i.exec(header ?? '');
    if (!m) return undefined;
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    return i > 0 && this.verify(decoded.slice(0, i), decoded.slice(i + 1)) ? decoded.slice(0, i) : undefined;
  }

  login(user: string, password: string): string | undefined {
    if (!this.verify(user, password)) return undefined;
    const token = randomBytes(24).toString('base64url');
    this.sessions.set(token, { user });
    return token;
  }

  userFor(token: string | undefined): string | undefined {
    return token ? this.sessions.get(token)?.user : undefined;
  }

  logout(token: string | undefined): void {
    if (token) this.sessions.delete(token);
  }

  /** Fault injection: every session ends at once, as after an AEM restart or a timeout. */
  expireAll(): void {
    this.sessions.clear();
  }
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

export class CsrfTokens {
  private readonly secret = randomBytes(32);
  /** Tokens issued before this instant are rejected (fault injection "expired CSRF token"). */
  private notBefore = 0;

  constructor(public lifetimeSeconds = 600) {}

  issue(user: string, now = Date.now()): string {
    const head = b64({ alg: 'HS256', typ: 'JWT' });
    const body = b64({ sub: user, iat: now, exp: now + this.lifetimeSeconds * 1000 });
    return `${head}.${body}.${this.sign(`${head}.${body}`)}`;
  }

  isValid(token: string | undefined, user: string, now = Date.now()): boolean {
    if (!token) return false;
    const [head, body, sig] = token.split('.');
    if (!head || !body || !sig) return false;
    const expected = Buffer.from(this.sign(`${head}.${body}`));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
    try {
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { sub?: string; iat?: number; exp?: number };
      return claims.sub === user && typeof claims.exp === 'number' && claims.exp > now && (claims.iat ?? 0) >= this.notBefore;
    } catch {
      return false;
    }
  }

  /** Fault injection: every token issued so far becomes invalid. */
  expireIssued(now = Date.now()): void {
    this.notBefore = now + 1;
  }

  private sign(input: string): string {
    return createHmac('sha256', this.secret).update(input).digest('base64url');
  }
}
