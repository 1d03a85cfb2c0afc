/**
 * Parts: code only some visits need (a step's form, the reset, the reports) is built apart from
 * the page's bundle (webpack's "parts" build) and fetched from the clientlib's resources the first
 * time it is needed. The up-front bundle then holds what shows where the setup stands.
 *
 * A part carries its own copy of the stateless code it uses (DOM, Coral factories, texts, rules,
 * the typed AEM calls) and uses the page's own instance of every module that keeps state: one
 * CSRF token and timeout (fetch), one set of address overrides (endpoints), one service-user
 * lookup (authorizables), one settings read (setup-facts), and the error classes the page's
 * explanations recognise (errors). The parts build maps imports of these to SHARED below;
 * `test/unit/parts.test.ts` fails when a module with state is missing from it.
 *
 * webpack chunks would share modules too, but each shared module then leaves the page's scope-
 * hoisted bundle and costs more bytes up front than the chunk saves.
 */
import * as authorizables from '../../../core/aem/authorizables';
import * as endpoints from '../../../core/contract/endpoints';
import * as errors from '../../../core/errors';
import * as fetch from '../../../core/aem/fetch';
import * as setupFacts from '../../../core/aem/setup-facts';

/** The page's modules that keep state, by the path the parts build maps them from. */
export const SHARED = {
  'core/aem/authorizables': authorizables,
  'core/contract/endpoints': endpoints,
  'core/errors': errors,
  'core/aem/fetch': fetch,
  'core/aem/setup-facts': setupFacts,
} as const;

export interface Parts {
  'ims-account-form': typeof import('../steps/ims-account-form');
  'brand-portal-form': typeof import('../steps/brand-portal-form');
  reset: typeof import('../steps/reset');
  'ims-duplicates': typeof import('../steps/ims-duplicates');
  summary: typeof import('./summary');
  diagnostics: typeof import('./diagnostics-panel');
  'certificate-work': typeof import('../steps/certificate-work');
  'health-failure': typeof import('../steps/health-failure');
  overrides: typeof import('../steps/overrides');
}
export type PartName = keyof Parts;

declare global {
  interface Window {
    __bpsetupShared?: typeof SHARED;
    __bpsetupParts?: Partial<Parts>;
  }
  /** Defined (true) by the page's webpack build; absent where the sources run as they are (Jest). */
  const __BPSETUP_PARTS__: boolean | undefined;
}

/** The clientlib's resources folder, through AEM's proxy (and its context path). */
export const resourcesUrl = (): string => window.Granite?.HTTP?.externalize(endpoints.CLIENTLIB_RESOURCES) ?? endpoints.CLIENTLIB_RESOURCES;

/** Each part's module, from the sources folder: what the parts build makes `parts/<name>.js` of. */
export const PART_MODULES = {
  'ims-account-form': 'steps/ims-account-form',
  'brand-portal-form': 'steps/brand-portal-form',
  reset: 'steps/reset',
  'ims-duplicates': 'steps/ims-duplicates',
  summary: 'ui/summary',
  diagnostics: 'ui/diagnostics-panel',
  'certificate-work': 'steps/certificate-work',
  'health-failure': 'steps/health-failure',
  overrides: 'steps/overrides',
} as const satisfies Record<PartName, string>;

/**
 * Where the sources run unbuilt (Jest), a part is the module itself. In the page's build the
 * condition is a constant, so webpack drops this import instead of making chunks of it.
 */
const inProcess =
  typeof __BPSETUP_PARTS__ === 'undefined'
    ? <N extends PartName>(name: N) => import(`../${PART_MODULES[name]}`) as Promise<Parts[N]>
    : undefined;

/**
 * The part, fetched by a script element (allowed by a `script-src 'self'` policy). Callers ask
 * through `onDemand` (ui/on-demand.ts), which asks once per part and again after a failure.
 */
export function loadPart<N extends PartName>(name: N): Promise<Parts[N]> {
  if (inProcess) return inProcess(name);
  const loaded = window.__bpsetupParts?.[name];
  if (loaded) return Promise.resolve(loaded as Parts[N]);
  window.__bpsetupShared ??= SHARED;
  return new Promise<Parts[N]>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = `${resourcesUrl()}parts/${name}.js`;
    script.async = true;
    script.onload = () => {
      const part = window.__bpsetupParts?.[name];
      if (part) resolve(part as Parts[N]);
      else reject(new Error(`${script.src} did not register the part "${name}"`));
    };
    script.onerror = () => {
      script.remove();
      reject(new Error(`Could not fetch ${script.src}`));
    };
    document.head.appendChild(script);
  });
}
