package com.adobe.granite.auth.oauth;

import java.io.IOException;
import java.util.Map;
import org.apache.sling.api.resource.ResourceResolver;
import com.adobe.granite.crypto.CryptoException;

/** Stub with the signature of AEM 6.5's Javadoc: one OSGi service per IMS configuration. */
public interface AccessTokenProvider {
    String getAccessToken(ResourceResolver resolver, String userId, Map<String, ?> claims)
        throws CryptoException, IOException;
}
