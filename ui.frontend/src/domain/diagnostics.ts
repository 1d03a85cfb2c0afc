/**
 * The diagnostics report: what an admin sends to a colleague or to Adobe support. Every value
 * that could be a secret is masked, by its key and by its shape, whatever reaches it.
 */
import { MASK } from './mask';

export { MASK };

const SECRET_KEY = /secret|password|passwd|private|token|credential|jwt|keystorepass|pk$/i;
const SECRET_VALUE = /PRIVATE KEY|^p8e-|^eyJ[A-Za-z0-9_-]{10,}\./;

export function maskSecrets(value: unknown, key = ''): unknown {
  if (SECRET_KEY.test(key) && value !== null && value !== undefined && value !== '') return MASK;
  if (typeof value === 'string') return SECRET_VALUE.test(value.trim()) ? MASK : value;
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskSecrets(v, k)]));
  }
  return value;
}

export interface DiagnosticsInput {
  generatedAt: Date;
  page: string;
  aemVersion?: string;
  coralVersion?: string;
  [section: string]: unknown;
}

export function buildDiagnostics(input: DiagnosticsInput): string {
  const { generatedAt, ...rest } = input;
  return `${JSON.stringify(maskSecrets({ report: 'Brand Portal setup diagnostics', generatedAt: generatedAt.toISOString(), ...rest }), null, 2)}\n`;
}
