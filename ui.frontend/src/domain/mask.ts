/** Masking a known secret wherever it appears in text a server sent back (error pages may echo input). */
export const MASK = '[masked]';

export function maskValue(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) return text;
  return text.split(secret).join(MASK);
}
