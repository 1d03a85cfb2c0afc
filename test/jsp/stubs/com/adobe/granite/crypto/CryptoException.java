package com.adobe.granite.crypto;

/** Stub of Granite's checked crypto exception. */
public class CryptoException extends Exception {
    private static final long serialVersionUID = 1L;

    public CryptoException(String message) {
        super(message);
    }
}
