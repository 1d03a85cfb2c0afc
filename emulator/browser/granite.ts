/**
 * The emulator's stand-in for AEM's Granite foundation client libraries (`granite.utils`,
 * `granite.ui.foundation`): `Granite.HTTP`, `Granite.I18n`, jQuery `adaptTo` for
 * `foundation-registry`, `foundation-ui` and `foundation-validation`, and the
 * `foundation-contentloaded` event. It implements the public behaviour the panel relies on, on top
 * of the page's Coral, so the panel meets the same APIs here, in jsdom tests and on AEM.
 * Never part of the content package.
 */

/* The page's jQuery (loaded before this file, like AEM's granite.jquery). Loosely typed on purpose:
   only the few calls below are used. */
interface JQ {
  (target: unknown): JQObject;
  fn: Record<string, unknown>;
}
interface JQObject {
  0: Element | Window | Document | undefined;
  trigger(event: string, args?: unknown[]): JQObject;
}

type Validator = {
  selector: string;
  validate(el: Element): string | undefined | void;
  show?(el: Element, msg: string): void;
  clear?(el: Element): void;
};

declare global {
  interface Window {
    jQuery: JQ;
  }
}

const $ = window.jQuery;
const w = window as unknown as Record<string, unknown>;

if (!w.__emulatorGraniteFoundation) {
  w.__emulatorGraniteFoundation = true;

  const format = (text: string, snippets?: unknown): string => {
    const list = Array.isArray(snippets) ? snippets : snippets === undefined ? [] : [snippets];
    return text.replace(/\{(\d+)\}/g, (m, i: string) => (list[Number(i)] === undefined ? m : String(list[Number(i)])));
  };

  // ---- foundation-registry ------------------------------------------------------------------
  const registryStore = new Map<string, unknown[]>();
  const registry = {
    register(name: string, value: unknown) {
      registryStore.set(name, [...(registryStore.get(name) ?? []), value]);
    },
    get(name: string): unknown[] {
      return [...(registryStore.get(name) ?? [])];
    },
  };

  // ---- foundation-ui ------------------------------------------------------------------------
  type Action = { text: string; primary?: boolean; warning?: boolean; handler?: () => void };
  const Coral = () => (window as unknown as { Coral: CoralStatic }).Coral;
  const variantFor = (type?: string) => (type === 'notice' ? 'warning' : (type ?? 'default'));

  const dialog = (title: string, html: string, type: string | undefined, actions: Action[], callback?: () => void) => {
    const d = new (Coral().Dialog)() as CoralComponent & { show(): void; hide(): void };
    const parts = d as unknown as { header: HTMLElement; content: HTMLElement; footer: HTMLElement; variant: string };
    parts.header.textContent = title;
    parts.content.innerHTML = html; // Granite's contract: messages are HTML, callers escape.
    parts.variant = variantFor(type);
    for (const action of actions) {
      const b = new (Coral().Button)();
      b.label.textContent = action.text;
      if (action.primary) b.variant = 'primary';
      if (action.warning) b.variant = 'warning';
      b.addEventListener('click', () => {
        d.hide();
        action.handler?.();
      });
      parts.footer.appendChild(b);
    }
    d.classList.add('foundation-ui-dialog');
    d.addEventListener('coral-overlay:close', () => {
      d.remove();
      callback?.();
    });
    document.body.appendChild(d);
    d.show();
  };

  let waitEl: HTMLElement | null = null;
  const ui = {
    alert(title: string, message: string, type?: string, callback?: () => void) {
      dialog(title, message, type, [{ text: 'OK', primary: true }], callback);
    },
    prompt(title: string, message: string, type: string, actions: Action[], callback?: () => void) {
      dialog(title, message, type, actions, callback);
    },
    notify(title: string | undefined, message: string, type?: string) {
      let zone = document.querySelector<HTMLElement>('.foundation-ui-notification');
      if (!zone) {
        zone = document.createElement('div');
        zone.className = 'foundation-ui-notification';
        zone.setAttribute('style', 'position:fixed;top:56px;right:16px;z-index:10000;max-width:420px');
        document.body.appendChild(zone);
      }
      const a = new (Coral().Alert)();
      a.variant = variantFor(type);
      if (title) a.header.textContent = title;
      a.content.innerHTML = message;
      zone.appendChild(a);
      setTimeout(() => a.remove(), 8000);
    },
    wait(el?: Element) {
      this.clearWait();
      const wait = new (Coral().Wait)();
      wait.size = 'L';
      wait.classList.add('foundation-ui-wait');
      wait.setAttribute('style', 'position:fixed;left:50%;top:50%;z-index:10001');
      (el ?? document.body).appendChild(wait);
      waitEl = wait;
    },
    clearWait() {
      waitEl?.remove();
      waitEl = null;
    },
  };

  // ---- foundation-validation ----------------------------------------------------------------
  const messages = new WeakMap<Element, string>();
  const validatorsFor = (el: Element) =>
    (registry.get('foundation.validation.validator') as Validator[]).filter((v) => {
      try {
        return el.matches(v.selector);
      } catch {
        return false;
      }
    });
  const validation = (el: Element) => ({
    checkValidity(): boolean {
      let message: string | undefined;
      for (const v of validatorsFor(el)) {
        const m = v.validate(el);
        if (m) {
          message = m;
          break;
        }
      }
      const native = el as HTMLInputElement;
      if (!message && typeof native.checkValidity === 'function' && !native.checkValidity())
        message = native.validationMessage || 'Invalid value';
      if (message) messages.set(el, message);
      else messages.delete(el);
      $(el).trigger(message ? 'foundation-validation-invalid' : 'foundation-validation-valid');
      return !message;
    },
    isValid: () => !messages.has(el),
    updateUI() {
      const message = messages.get(el);
      const custom = validatorsFor(el).find((v) => v.show);
      (el as unknown as { invalid?: boolean }).invalid = Boolean(message);
      el.setAttribute('aria-invalid', String(Boolean(message)));
      if (custom) {
        if (message) custom.show?.(el, message);
        else custom.clear?.(el);
        return;
      }
      const next = el.nextElementSibling;
      if (next?.classList.contains('coral-Form-fielderror')) next.remove();
      if (message) {
        const i = document.createElement('coral-icon');
        i.className = 'coral-Form-fielderror';
        i.setAttribute('icon', 'alert');
        i.setAttribute('size', 'S');
        i.setAttribute('title', message);
        el.insertAdjacentElement('afterend', i);
      }
    },
  });

  // ---- jQuery adaptTo -----------------------------------------------------------------------
  $.fn.adaptTo = function adaptTo(this: JQObject, type: string): unknown {
    switch (type) {
      case 'foundation-registry':
        return registry;
      case 'foundation-ui':
        return ui;
      case 'foundation-validation':
        return this[0] instanceof Element ? validation(this[0]) : undefined;
      default:
        return undefined;
    }
  };

  // ---- Granite.HTTP / Granite.I18n ----------------------------------------------------------
  const contextPath = '';
  let redirecting = false;
  const granite = (w.Granite as Record<string, unknown> | undefined) ?? {};
  Object.assign(granite, {
    $,
    HTTP: {
      getContextPath: () => contextPath,
      externalize: (url: string) => (url.startsWith('/') && !url.startsWith(`${contextPath}/`) ? contextPath + url : url),
      handleLoginRedirect() {
        if (redirecting) return;
        redirecting = true;
        const target = `${contextPath}/libs/granite/core/content/login.html?resource=${encodeURIComponent(location.pathname + location.search)}`;
        let gone = false;
        const go = () => {
          if (gone) return;
          gone = true;
          location.assign(target);
        };
        ui.alert('Your session has expired', 'You are being redirected to the login page.', 'notice', go);
        setTimeout(go, 2000);
      },
    },
    I18n: { get: (text: string, snippets?: unknown) => format(text, snippets) },
  });
  w.Granite = granite;

  const fire = () => $(document).trigger('foundation-contentloaded');
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fire);
  else setTimeout(fire, 0);
}

export {};
