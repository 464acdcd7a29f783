package org.tavan.storage;

/** The database cannot be reached or opened; start-up stops with this message. */
public final class StorageUnavailable extends RuntimeException {
    public StorageUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
