package javax.jcr.security;

/** Stub of the JCR 2.0 interface. */
public interface Privilege {
    String getName();
}
