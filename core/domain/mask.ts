/**
 * Every way a secret is kept out of what people see or send on: the one masker of the page, the
 * CLI, the emulator and the tests. A known secret is replaced wherever it appears; reports are
 * masked by key and by shape, and every string in them is scanned for secrets inside free text
 * (an `Authorization: Bearer …` line in an agent log, `client_secret=…` in a health message).
 */
export const MASK = '[masked]';

/**
 * Shorter values are ordinary words (AEM's default password `admin` is also a path segment,
 * `components/admin/datasources`): replacing them would rewrite text that is not secret. Nothing
 * here prints a password or secret itself; this masker only catches one a server echoes.
 */
export const MIN_MASKED_LENGTH = 8;

/** A known secret, wherever it appears in text a server or a tool gave back. */
export function maskValue(text: string, secret: string | undefined): string {
  if (!secret || secret.length < MIN_MASKED_LENGTH) return text;
  return text.split(secret).join(MASK);
}

/** How the page and the emulator mention a secret without showing it: its length only, never a character of it. */
export const describeSecret = (secret: string): string => `•••• (${secret.length} characters)`;

const SECRET_KEY = /secret|password|passwd|private|token|credential|jwt|keystorepass|^pk$|authorization|api[_-]?key/i;
const SECRET_KEY_WORD = String.raw`(?:client[_-]?secrets?|secret|password|passwd|keystore[_-]?pass(?:word)?|access[_-]?token|refresh[_-]?token|jwt[_-]?token|api[_-]?key|private[_-]?key|pk)`;

/** Secrets that can sit inside any text, each with what replaces it. */
const IN_TEXT: [RegExp, string][] = [
  // PEM private keys, whole block (or an unterminated start).
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, MASK],
  // JWTs (three base64url parts, the first a JSON header).
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, MASK],
  // HTTP authorization values.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${MASK}`],
  // key=value, key: value, "key": "value" with a secret-like key.
  [new RegExp(String.raw`(["']?\b${SECRET_KEY_WORD}["']?\s*[=:]\s*["']?)([^\s"'&,;}]{4,})`, 'gi'), `$1${MASK}`],
  // Credentials in a URL, however malformed around them (`http://u:p@h`, `http//u:p@h`,
  // `htp:/u:p@h`, `u:p@h`): the user stays, the password (up to its last @) goes.
  [/(^|[\s/])([^\s/@:]{0,256}):[^\s/]{1,256}@/g, `$1$2:${MASK}@`],
  // Adobe client secrets by their prefix.
  [/\bp8e-[A-Za-z0-9_-]{6,}/g, MASK],
];

/** Every secret found inside a piece of free text, replaced. */
export function scrubText(text: string): string {
  return IN_TEXT.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/**
 * AEM's property names that say "token" but hold none: the access-token provider's settings (its
 * title, endpoint, client id, scope, claims, key alias), where it asks for a token, its pairing
 * types, and an agent's provider name. Their values are still scanned for secrets inside text.
 */
const NOT_SECRET_KEY =
  /^(?:auth\.token\.provider\.(?!.*(?:secret|password))[\w.]+|auth\.access\.token\.request|token\.request\.customizer\.type|auth\.token\.validator\.type|accessTokenProvider(?:Name|Pid))$/;

/** A report value: masked whole under a secret-like key, scrubbed when it is text, recursively. */
export function maskSecrets(value: unknown, key = ''): unknown {
  if (SECRET_KEY.test(key) && !NOT_SECRET_KEY.test(key) && value !== null && value !== undefined && value !== '') return MASK;
  if (typeof value === 'string') return scrubText(value);
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskSecrets(v, k)]));
  }
  return value;
}
