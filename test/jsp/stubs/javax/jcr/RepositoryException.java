package javax.jcr;

/** Stub of the JCR 2.0 exception. */
public class RepositoryException extends Exception {
    private static final long serialVersionUID = 1L;

    public RepositoryException(String message) {
        super(message);
    }
}
