/**
 * Reads FileVault "docview" `.content.xml` files into repository nodes, as Package Manager does:
 * each attribute is a property (`{Boolean}true`, `{Long}3`, `[a,b]` multi-values, `\` escapes),
 * each child element a child node, element names ISO 9075-decoded (`_x0030_`).
 */
import { XMLParser } from 'fast-xml-parser';
import { type JcrScalar, type JcrValue, type RepoNode, isSafeNodeName, newNode } from './store';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  // Attribute values as written: leading and trailing spaces are part of a value.
  trimValues: false,
  processEntities: true,
  // Character references too (`&#xa;` is how FileVault writes a newline in a value).
  htmlEntities: true,
  ignoreDeclaration: true,
});

type OrderedElement = Record<string, unknown> & { ':@'?: Record<string, string> };

const decodeIso9075 = (name: string): string =>
  name.replace(/_x([0-9a-fA-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));

function scalar(type: string, raw: string): JcrScalar {
  switch (type) {
    case 'Boolean':
      return raw === 'true';
    case 'Long':
    case 'Double':
    case 'Decimal':
      return Number(raw);
    default:
      return raw;
  }
}

/** Splits `a,b\,c` on unescaped commas and removes the escapes. */
function splitMulti(body: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\' && i + 1 < body.length) {
      cur += body[++i];
    } else if (c === ',') {
      out.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  out.push(cur);
  return body.length === 0 ? [] : out;
}

export function parseDocviewValue(raw: string): JcrValue {
  let type = 'String';
  let rest = raw;
  const typed = /^\{([A-Za-z]+)\}/.exec(rest);
  if (typed) {
    type = typed[1];
    rest = rest.slice(typed[0].length);
  }
  if (rest.startsWith('[') && rest.endsWith(']')) {
    return splitMulti(rest.slice(1, -1)).map((v) => scalar(type, v));
  }
  if (rest.startsWith('\\')) rest = rest.slice(1);
  return scalar(type, rest);
}

function toNode(element: OrderedElement, name: string): RepoNode {
  const attrs = element[':@'] ?? {};
  const node = newNode(attrs['jcr:primaryType'] ?? 'nt:unstructured');
  for (const [key, raw] of Object.entries(attrs)) {
    if (key.startsWith('xmlns:') || key === 'xmlns') continue;
    node.props[key] = parseDocviewValue(raw);
  }
  const children = (element[name] as OrderedElement[] | undefined) ?? [];
  for (const child of children) {
    const childName = Object.keys(child).find((k) => k !== ':@' && k !== '#text');
    if (!childName) continue;
    const name = decodeIso9075(childName);
    if (!isSafeNodeName(name)) throw new Error(`"${name}" cannot be a node name`);
    node.children[name] = toNode(child, childName);
  }
  return node;
}

/** Parses one `.content.xml`; throws with a message when it is not a docview document. */
export function parseDocview(xml: string): RepoNode {
  const doc = parser.parse(xml) as OrderedElement[];
  const root = doc.find((el) => Object.prototype.hasOwnProperty.call(el, 'jcr:root'));
  if (!root) throw new Error('not a FileVault docview file: no <jcr:root> element');
  return toNode(root, 'jcr:root');
}

/** FileVault platform file name → JCR name: `_jcr_content` → `jcr:content`, `%3a` → `:`. */
export function platformToJcrName(fileName: string): string {
  const decoded = decodeURIComponent(fileName);
  const ns = /^_([a-zA-Z0-9]+)_(.+)$/.exec(decoded);
  if (ns) return `${ns[1]}:${ns[2]}`;
  if (decoded.startsWith('__')) return decoded.slice(1);
  return decoded;
}
