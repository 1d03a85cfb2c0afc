/** The AEM client: typed calls, one per contract item (IMS side and Brand Portal side). */
export * from './authorizables';
export * from './ims-client';
export * from './brand-portal-client';
export * from './settings-client';
export * from './one-ims-config';
export * from './ims-proof';
