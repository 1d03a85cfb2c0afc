package org.apache.sling.api.scripting;

import java.util.HashMap;

/** Stub of the Sling API class: the request attribute named by this class holds the script bindings. */
public class SlingBindings extends HashMap<String, Object> {
    private static final long serialVersionUID = 1L;
    public static final String SLING = "sling";

    public void setSling(SlingScriptHelper sling) {
        put(SLING, sling);
    }

    public SlingScriptHelper getSling() {
        return (SlingScriptHelper) get(SLING);
    }
}
