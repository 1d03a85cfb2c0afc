package javax.jcr;

import javax.jcr.security.AccessControlManager;

/** Stub: only what the package's scripts call (JCR 2.0 Javadoc). */
public interface Session {
    String getUserID();

    boolean nodeExists(String absPath) throws RepositoryException;

    AccessControlManager getAccessControlManager() throws RepositoryException;
}
