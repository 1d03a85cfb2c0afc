/**
 * Reading back an IMS save: the stored provider configuration against what was sent, and the
 * repair the configuration manager gets (never the secret).
 */
import { imsConfigFromFelix } from '../../../core/aem/ims-client';
import { oauthRepair, storedDifferences } from '../../../core/domain/ims-readback';
import type { ImsConfigInput } from '../../../core/domain/types';

const FILE = 'com.adobe.granite.auth.oauth.accesstoken.provider.n1.config';
const input: ImsConfigInput = {
  authType: 'oauth',
  title: 'Brand Portal',
  authServerUrl: 'https://ims-na1.adobelogin.com/',
  clientId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  clientSecret: 'p8e-never-compared',
  orgId: '0123456789ABCDEF01234567@AdobeOrg',
  technicalAccountId: '89ABCDEF0123456789ABCDEF@techacct.adobe.com',
  scopes: ['openid', 'AdobeID'],
};
const oauthStored = {
  name: 'n1',
  'auth.token.provider.title': 'Brand Portal',
  'auth.token.provider.client.id': 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  'auth.token.provider.authorization.grants': 'client_credentials',
  'auth.token.provider.orgId': '0123456789ABCDEF01234567@AdobeOrg',
  'auth.token.provider.scope': 'AdobeID,openid',
  'auth.access.token.request': 'https://ims-na1.adobelogin.com/ims/token/v3',
};

test('what was sent, stored (scopes in any order): no difference', () => {
  expect(storedDifferences(input, imsConfigFromFelix(FILE, oauthStored))).toEqual([]);
});

test('a servlet that ignored the OAuth fields: each missing property named, and repaired without the secret', () => {
  const jwtShaped = {
    name: 'n1',
    'auth.token.provider.title': 'Brand Portal',
    'auth.token.provider.client.id': 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
    'auth.access.token.request': 'https://ims-na1.adobelogin.com/ims/exchange/jwt',
    'auth.token.provider.keypair.alias': '',
  };
  const differences = storedDifferences(input, imsConfigFromFelix(FILE, jwtShaped));
  expect(differences.map((d) => d.property)).toEqual([
    'auth.token.provider.authorization.grants',
    'auth.token.provider.orgId',
    'auth.token.provider.scope',
    'auth.access.token.request',
  ]);
  expect(differences[0]).toEqual({ property: 'auth.token.provider.authorization.grants', sent: 'client_credentials', stored: '' });
  const repair = oauthRepair(input, differences);
  expect(repair).toEqual({
    'auth.token.provider.authorization.grants': 'client_credentials',
    'auth.token.provider.orgId': '0123456789ABCDEF01234567@AdobeOrg',
    'auth.token.provider.default.claims': ['"iss" : "0123456789ABCDEF01234567@AdobeOrg"'],
    'auth.token.provider.scope': 'openid,AdobeID',
    'auth.access.token.request': 'https://ims-na1.adobelogin.com/ims/token/v3',
  });
  expect(JSON.stringify(repair)).not.toContain(input.clientSecret);
  // Repaired, the same comparison finds nothing.
  expect(storedDifferences(input, imsConfigFromFelix(FILE, { ...jwtShaped, ...repair }))).toEqual([]);
});

test('a wrong client id or title is a difference too', () => {
  const differences = storedDifferences(
    { ...input, clientId: 'ffffffffffffffffffffffffffffffff' },
    imsConfigFromFelix(FILE, { ...oauthStored, 'auth.token.provider.title': 'Other' }),
  );
  expect(differences.map((d) => d.property)).toEqual(['auth.token.provider.title', 'auth.token.provider.client.id']);
});
