package org.apache.sling.api;

import javax.servlet.http.HttpServletRequest;
import org.apache.sling.api.resource.ResourceResolver;

/** Stub: only what the health script calls (Sling API Javadoc). */
public interface SlingHttpServletRequest extends HttpServletRequest {
    ResourceResolver getResourceResolver();
}
