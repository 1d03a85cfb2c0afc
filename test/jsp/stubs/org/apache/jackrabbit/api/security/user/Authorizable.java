package org.apache.jackrabbit.api.security.user;

import javax.jcr.RepositoryException;

/** Stub: only what the health script calls (Jackrabbit API Javadoc). */
public interface Authorizable {
    String getID() throws RepositoryException;

    boolean isGroup();
}
