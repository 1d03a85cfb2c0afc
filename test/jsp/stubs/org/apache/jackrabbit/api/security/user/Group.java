package org.apache.jackrabbit.api.security.user;

import javax.jcr.RepositoryException;

/** Stub: only what the health script calls (Jackrabbit API Javadoc). */
public interface Group extends Authorizable {
    boolean isMember(Authorizable authorizable) throws RepositoryException;
}
