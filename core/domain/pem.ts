/** PEM armour: the base64 body of one block, as bytes (the keystore wants the key as DER). */
export function pemToDer(pem: string, label: string): Uint8Array<ArrayBuffer> {
  const m = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`).exec(pem);
  if (!m) throw new Error(`No ${label} block in the PEM text`);
  const binary = atob(m[1].replace(/\s+/g, ''));
  const out = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
