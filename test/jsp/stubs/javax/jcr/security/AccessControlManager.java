package javax.jcr.security;

import javax.jcr.RepositoryException;

/** Stub: only what the rights script calls (JCR 2.0 Javadoc). */
public interface AccessControlManager {
    Privilege privilegeFromName(String privilegeName) throws AccessControlException, RepositoryException;

    boolean hasPrivileges(String absPath, Privilege[] privileges) throws RepositoryException;
}
