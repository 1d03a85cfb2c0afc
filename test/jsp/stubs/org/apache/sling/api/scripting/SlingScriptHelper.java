package org.apache.sling.api.scripting;

import org.apache.sling.api.SlingHttpServletRequest;

/** Stub: only what the health script calls (Sling API Javadoc). */
public interface SlingScriptHelper {
    SlingHttpServletRequest getRequest();

    <ServiceType> ServiceType getService(Class<ServiceType> serviceType);

    <ServiceType> ServiceType[] getServices(Class<ServiceType> serviceType, String filter);
}
