/**
 * The page globals AEM provides (Granite foundation, jQuery as Granite.$, Coral Spectrum).
 * Typed here, never bundled: the page includes them before our clientlib.
 */

interface GraniteJQuery {
  (selector: unknown): GraniteJQueryObject;
}

interface GraniteJQueryObject {
  adaptTo(type: 'foundation-ui'): FoundationUi;
  adaptTo(type: 'foundation-registry'): FoundationRegistry;
  adaptTo(type: 'foundation-validation'): FoundationValidation;
  adaptTo(type: string): unknown;
  on(events: string, handler: (event: Event & { target: EventTarget }) => void): GraniteJQueryObject;
  on(events: string, selector: string, handler: (event: Event & { target: EventTarget }) => void): GraniteJQueryObject;
  trigger(event: string, args?: unknown[]): GraniteJQueryObject;
}

interface FoundationUiAction {
  text: string;
  primary?: boolean;
  warning?: boolean;
  handler?: () => void;
}

interface FoundationUi {
  alert(title: string, message: string, type?: string, callback?: () => void): void;
  notify(title: string | undefined, message: string, type?: string): void;
  prompt(title: string, message: string, type: string, actions: FoundationUiAction[], callback?: () => void): void;
  wait(el?: Element): void;
  clearWait(): void;
}

interface FoundationValidator {
  selector: string;
  validate(el: Element): string | undefined | void;
  show?(el: Element, message: string): void;
  clear?(el: Element): void;
}

interface FoundationRegistry {
  register(name: 'foundation.validation.validator', value: FoundationValidator): void;
  register(name: string, value: unknown): void;
  get(name: string): unknown[];
}

interface FoundationValidation {
  checkValidity(): boolean;
  updateUI(): void;
  isValid?(): boolean;
}

interface GraniteStatic {
  $: GraniteJQuery;
  HTTP: {
    getContextPath(): string;
    externalize(url: string): string;
    handleLoginRedirect(): void;
  };
  I18n: {
    get(text: string, snippets?: unknown[] | unknown, note?: string): string;
  };
}

interface CoralComponent extends HTMLElement {
  [key: string]: unknown;
}

interface CoralStatic {
  version?: string;
  Alert: new () => CoralComponent & {
    variant: string;
    header: { innerHTML: string; textContent: string | null };
    content: { innerHTML: string; textContent: string | null };
  };
  Button: new () => CoralComponent & { label: { textContent: string | null }; variant: string; icon: string; disabled: boolean };
  Dialog: new () => CoralComponent & { show(): void; hide(): void };
  Wait: new () => CoralComponent & { size: string };
  Textfield?: new () => CoralComponent;
  Icon?: new () => CoralComponent & { icon: string; size: string };
  [component: string]: unknown;
}

interface Window {
  Granite?: GraniteStatic;
  Coral?: CoralStatic;
  /** Set once the clientlib ran: guards against the library being included twice. */
  __bpsetupLoaded?: boolean;
}

declare const Granite: GraniteStatic;
declare const Coral: CoralStatic;

declare module '*.css';
