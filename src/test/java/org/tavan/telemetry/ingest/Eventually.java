package org.tavan.telemetry.ingest;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls with a deadline instead of sleeping a guessed time. */
public final class Eventually {

    private Eventually() {
    }

    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> whatWeSaw) {
        until(timeout, Duration.ofMillis(50), condition, whatWeSaw);
    }

    /** The same, looking every {@code every}: a benchmark that times the moment needs a finer look. */
    public static void until(Duration timeout, Duration every, BooleanSupplier condition, Supplier<String> whatWeSaw) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        if (!condition.getAsBoolean()) {
            throw new AssertionError("Not reached within " + timeout + ": " + whatWeSaw.get());
        }
    }
}
