/**
 * Apache Felix `.config` files, the format AEM keeps OSGi configurations in under
 * /apps/system/config [contract: IMS configurations]: one `key=value` per line, values typed by a prefix
 * (`B"true"`, `I"10"`, `L"10"`, strings unprefixed) and arrays as `["a","b"]`.
 * Shared by the panel (reading configurations) and the emulator (writing them).
 */

export type FelixValue = string | number | boolean | string[];

/** A factory configuration's file of this PID: `<pid>.<name>.config` or `<pid>-<name>.config` (both spellings occur). */
export const isConfigFileOf = (pid: string, file: string): boolean => file.startsWith(`${pid}.`) || file.startsWith(`${pid}-`);

const escapeString = (s: string) =>
  s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/=/g, '\\=').replace(/ /g, '\\ ');

function formatValue(v: FelixValue): string {
  if (Array.isArray(v)) return `[${v.map((s) => `"${escapeString(s)}"`).join(',')}]`;
  if (typeof v === 'boolean') return `B"${v}"`;
  if (typeof v === 'number') return Number.isInteger(v) ? `L"${v}"` : `D"${v}"`;
  return `"${escapeString(v)}"`;
}

export function formatFelixConfig(props: Record<string, FelixValue>): string {
  return `${Object.entries(props)
    .map(([k, v]) => `${k}=${formatValue(v)}`)
    .join('\n')}\n`;
}

/** Reads one quoted string starting at `i` (on the opening quote); returns value and next index. */
function readQuoted(text: string, i: number): [string, number] {
  let out = '';
  let j = i + 1;
  while (j < text.length && text[j] !== '"') {
    if (text[j] === '\\' && j + 1 < text.length) {
      const c = text[j + 1];
      out += c === 'n' ? '\n' : c === 't' ? '\t' : c;
      j += 2;
    } else {
      out += text[j++];
    }
  }
  return [out, j + 1];
}

function typed(prefix: string, raw: string): FelixValue {
  switch (prefix.toUpperCase()) {
    case 'B':
      return raw === 'true';
    case 'I':
    case 'L':
    case 'S':
    case 'X':
    case 'D':
    case 'F':
      return Number(raw);
    default:
      return raw;
  }
}

/** Lenient parser: unknown or malformed lines are skipped, never thrown on. */
export function parseFelixConfig(text: string): Record<string, FelixValue> {
  const out: Record<string, FelixValue> = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.search(/(?<!\\)=/);
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim().replace(/\\(.)/g, '$1');
    let rest = line.slice(eq + 1).trim();
    const prefix = /^[A-Za-z]?/.exec(rest)?.[0] ?? '';
    rest = rest.slice(prefix.length);
    if (rest.startsWith('[') || rest.startsWith('(')) {
      const values: string[] = [];
      let i = 1;
      while (i < rest.length) {
        if (rest[i] === '"') {
          const [v, next] = readQuoted(rest, i);
          values.push(v);
          i = next;
        } else i++;
      }
      out[key] = values;
    } else if (rest.startsWith('"')) {
      out[key] = typed(prefix, readQuoted(rest, 0)[0]);
    }
  }
  return out;
}
