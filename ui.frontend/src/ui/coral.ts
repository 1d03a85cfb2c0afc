/**
 * Typed factories for the Coral components the page is built from. Every one belongs to the
 * Coral Spectrum set AEM 6.5 loads as `coralui3`; main.ts checks them all before it mounts, so a
 * console with an older or trimmed Coral says so in plain words instead of half-rendering.
 * Text always goes in as textContent.
 */
import { el, icon } from './dom';
/** The Coral components the page relies on (also listed in docs/development.md); all predate Coral Spectrum. */
export const CORAL_COMPONENTS = [
  'Accordion',
  'Alert',
  'Button',
  'Checkbox',
  'Icon',
  'Radio',
  'Select',
  'Table',
  'Textarea',
  'Textfield',
  'Wait',
] as const;
type CoralName = (typeof CORAL_COMPONENTS)[number] | 'Status';

export const missingCoralComponents = (coral: CoralStatic | undefined = window.Coral): CoralName[] =>
  CORAL_COMPONENTS.filter((name) => !coral?.[name]);

function create<T>(name: CoralName): T {
  const Component = window.Coral?.[name] as (new () => T) | undefined;
  if (!Component) throw new Error(`Coral.${name} is not loaded on this page`);
  return new Component();
}

export type AlertVariant = 'info' | 'success' | 'warning' | 'error';

/** An alert with its header; its content zone is returned to be filled (as text or elements). */
export function alert(variant: AlertVariant, header: string): { element: HTMLElement; content: HTMLElement } {
  const component = create<HTMLElement & { variant: string; header: HTMLElement; content: HTMLElement }>('Alert');
  component.variant = variant;
  component.header.textContent = header;
  return { element: component, content: component.content };
}

export type CoralButton = HTMLButtonElement & { label: { textContent: string | null }; variant: string; icon: string };

export function button(
  label: string,
  variant: 'primary' | 'cta' | 'secondary' | 'warning' | 'quiet' = 'secondary',
  icon?: string,
): CoralButton {
  const b = create<CoralButton>('Button');
  b.label.textContent = label;
  b.variant = variant;
  if (icon) b.icon = icon;
  b.type = 'button';
  return b;
}

/** A small progress indicator, for a line that says what is being done. */
export function wait(): HTMLElement {
  const w = create<HTMLElement & { size: string }>('Wait');
  w.size = 'S';
  return w;
}

export interface CoralToggle extends HTMLElement {
  checked: boolean;
  disabled: boolean;
  name: string;
  value: string;
  label: HTMLElement;
}

function toggle(kind: 'Radio' | 'Checkbox', label: string, name?: string, value?: string): CoralToggle {
  const component = create<CoralToggle>(kind);
  if (name) component.name = name;
  if (value) component.value = value;
  component.label.textContent = label;
  return component;
}

export const radio = (name: string, value: string, label: string): CoralToggle => toggle('Radio', label, name, value);
export const checkbox = (label: string, value?: string): CoralToggle => toggle('Checkbox', label, undefined, value);

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
  selected?: boolean;
}

export interface CoralSelect extends HTMLElement {
  value: string;
  disabled: boolean;
  invalid: boolean;
  labelledBy: string;
  items: {
    add(item: { value: string; content: { textContent: string }; disabled?: boolean; selected?: boolean }): HTMLElement;
    clear(): void;
  };
  selectedItem: (HTMLElement & { value: string; disabled: boolean }) | null;
}

export function select(labelId: string, options: SelectOption[] = []): CoralSelect {
  const component = create<CoralSelect>('Select');
  component.labelledBy = labelId;
  setSelectOptions(component, options);
  return component;
}

export function setSelectOptions(component: CoralSelect, options: SelectOption[]): void {
  component.items.clear();
  for (const o of options)
    component.items.add({ value: o.value, content: { textContent: o.label }, disabled: o.disabled, selected: o.selected });
}

interface CoralTable extends HTMLTableElement {
  head: HTMLElement;
  body: HTMLElement;
}
interface TableParts {
  Row: new () => HTMLTableRowElement;
  Cell: new () => HTMLTableCellElement;
  HeaderCell: new () => HTMLTableCellElement;
}
const tableParts = (): TableParts => window.Coral?.Table as unknown as TableParts;

/** A Coral table cell holding text or nodes. */
export function tableCell(...content: (Node | string)[]): HTMLTableCellElement {
  const cell = new (tableParts().Cell)();
  cell.append(...content);
  return cell;
}

export function tableRow(cells: HTMLTableCellElement[], attrs: Record<string, string> = {}): HTMLTableRowElement {
  const row = new (tableParts().Row)();
  for (const [k, v] of Object.entries(attrs)) row.setAttribute(k, v);
  row.append(...cells);
  return row;
}

/** A Coral table with a header row; `label` names it for assistive technology. */
export function table(label: string, headers: string[], rows: HTMLTableRowElement[]): HTMLTableElement {
  const component = create<CoralTable>('Table');
  component.setAttribute('aria-label', label);
  const head = new (tableParts().Row)();
  for (const text of headers) {
    const cell = new (tableParts().HeaderCell)();
    head.appendChild(cell);
    cell.textContent = text; // the header cell's content zone only exists once it is in a row
  }
  component.head.appendChild(head);
  component.body.append(...rows);
  return component;
}

export interface CoralAccordionItem extends HTMLElement {
  label: HTMLElement;
  content: HTMLElement;
  selected: boolean;
}
interface CoralAccordion extends HTMLElement {
  items: { add(item: HTMLElement): HTMLElement };
  multiple: boolean;
  level: number;
}

/** An accordion whose items open and close on their own (several may be open), headed at `level`. */
export function accordion(level: number): CoralAccordion {
  const component = create<CoralAccordion>('Accordion');
  component.multiple = true;
  component.level = level;
  return component;
}

/** An accordion item, closed, to fill: its label (the line it shows folded) and its content. */
export function accordionItem(): CoralAccordionItem {
  const Item = (window.Coral?.Accordion as unknown as { Item: new () => CoralAccordionItem }).Item;
  return new Item();
}

/** A closed-by-default disclosure (Coral accordion with one item), AEM's answer to <details>. */
export function disclosure(label: string, ...content: (Node | string)[]): HTMLElement & { item: CoralAccordionItem } {
  const box = create<CoralAccordion>('Accordion');
  const item = accordionItem();
  item.label.textContent = label;
  item.content.append(...content);
  box.items.add(item);
  return Object.assign(box, { item });
}

export function textarea(label: string, rows = 4): HTMLTextAreaElement {
  const component = create<HTMLTextAreaElement>('Textarea');
  component.setAttribute('aria-label', label);
  component.rows = rows;
  return component;
}

export function textfield(type: 'text' | 'password' = 'text'): HTMLInputElement {
  const component = create<HTMLInputElement>('Textfield');
  component.type = type;
  return component;
}

export type StatusVariant = 'neutral' | 'success' | 'warning' | 'error' | 'info';

const FALLBACK_ICON: Record<StatusVariant, string> = {
  neutral: 'Circle',
  success: 'CheckmarkCircle',
  warning: 'Alert',
  error: 'Alert',
  info: 'Info',
};

/**
 * A Spectrum status light: the colour comes from Coral, the meaning from the text beside it. A
 * Coral without status lights (Coral.Status came with Coral Spectrum) gets an icon and the words.
 */
export function statusLight(variant: StatusVariant, text: string): HTMLElement {
  if (!window.Coral?.Status)
    return el('span', { class: 'bpsetup-status', 'data-variant': variant }, icon(FALLBACK_ICON[variant], 'XS'), ` ${text}`);
  const component = create<HTMLElement & { variant: string; label: HTMLElement }>('Status');
  component.variant = variant;
  component.label.textContent = text;
  return component;
}
