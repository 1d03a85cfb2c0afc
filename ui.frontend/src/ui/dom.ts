/** Small DOM builders: text always goes in as textContent, never as markup. */

type Attrs = Record<string, string | boolean | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: (Node | string)[]): HTMLElementTagNameMap[K];
export function el(tag: string, attrs?: Attrs, ...children: (Node | string)[]): HTMLElement;
export function el(tag: string, attrs: Attrs = {}, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    node.setAttribute(k, v === true ? '' : v);
  }
  for (const child of children) node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  return node;
}

/** A Coral icon element (upgraded by Coral as soon as it is created). */
export const icon = (name: string, size = 'S', label?: string): HTMLElement =>
  el('coral-icon', { icon: name, size, 'aria-label': label, 'aria-hidden': label ? undefined : 'true', role: label ? 'img' : undefined });
