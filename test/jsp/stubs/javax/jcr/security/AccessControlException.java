package javax.jcr.security;

import javax.jcr.RepositoryException;

/** Stub of the JCR 2.0 exception (an unknown privilege name, among others). */
public class AccessControlException extends RepositoryException {
    private static final long serialVersionUID = 1L;

    public AccessControlException(String message) {
        super(message);
    }
}
