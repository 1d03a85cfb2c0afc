package org.apache.sling.api.resource;

import java.io.IOException;

/** Stub of the Sling API exception. */
public class PersistenceException extends IOException {
    private static final long serialVersionUID = 1L;

    public PersistenceException(String message) {
        super(message);
    }
}
