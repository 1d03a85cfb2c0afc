/**
 * The emulator the IMS contract tests share: a 6.5.17 author with the interim addresses (the
 * public-key download has no known address on AEM), an admin client, the Brand Portal IMS
 * service user's path, and the keystore and credentials the Check Health tests sign with, each
 * made on first need so that any test runs alone with -t.
 */
import type { RunningEmulator } from '../../emulator/server';
import { type Client, loggedIn, startTestEmulator } from './emulator';
import {
  ORG,
  TECH,
  certificate,
  createKeystore,
  registerIntegration,
  registerOauthCredential,
  serviceUser,
  uploadKey,
} from './ims-fixtures';

export interface ImsEmulator {
  readonly emu: RunningEmulator;
  readonly c: Client;
  /** The service user's (Oak-style) path. */
  readonly USER: string;
  /** The keystore, created on first need. */
  keystore(): Promise<{ exists?: boolean; aliases?: { alias: string }[] }>;
  /** The keystore with the "bp" key pair that later tests sign with. */
  keystoreWithBp(): Promise<void>;
  /** The two Developer Console credentials the Check Health and stub tests use (registering again is harmless). */
  knownCredentials(): Promise<void>;
}

/** Starts the emulator before the file's tests and stops it after them. */
export function imsEmulator(): ImsEmulator {
  let emu: RunningEmulator;
  let c: Client;
  let USER: string;
  beforeAll(async () => {
    emu = await startTestEmulator({ productVersion: '6.5.17.0', interimEndpoints: true });
    c = await loggedIn(emu.url);
    USER = await serviceUser(c);
  });
  afterAll(() => emu.close());
  const keystore = async () => {
    const ks = (await (await c.get(`${USER}.ks.json`)).json()) as { exists?: boolean; aliases?: { alias: string }[] };
    if (ks.exists !== false) return ks;
    await createKeystore(c);
    return { aliases: [] };
  };
  return {
    get emu() {
      return emu;
    },
    get c() {
      return c;
    },
    get USER() {
      return USER;
    },
    keystore,
    async keystoreWithBp() {
      const ks = await keystore();
      if (!ks.aliases?.some((a) => a.alias === 'bp')) await uploadKey(c, 'bp', await certificate());
    },
    async knownCredentials() {
      await registerOauthCredential(emu.url, 'oauthok', 's3cret-oauth');
      await registerIntegration(emu.url, {
        clientId: 'jwtok',
        clientSecret: 'jwt-secret-value-5678',
        orgId: ORG,
        technicalAccountId: TECH,
        metascopes: ['ent_brand_portal_sdk'],
        certificatePem: (await certificate()).certificatePem,
      });
    },
  };
}

/** The status and message of a Sling HTML status page. */
export const statusOf = (html: string) => /<div id="Status">(\d+)<\/div>/.exec(html)?.[1];
export const messageOf = (html: string) => /<div id="Message">([^<]*)<\/div>/.exec(html)?.[1];
