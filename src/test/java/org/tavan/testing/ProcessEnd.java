package org.tavan.testing;

import java.util.concurrent.TimeUnit;

/** How tests end the processes they start: as an operator's stop, or as a power cut. */
public final class ProcessEnd {

    private ProcessEnd() {
    }

    /** SIGTERM (shutdown hooks run), then SIGKILL if it is still alive after 10 s. */
    public static void gracefully(Process process) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL: no shutdown hook, nothing flushed that was not already forced to disk. */
    public static void killed(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
