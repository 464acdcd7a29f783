package org.tavan.telemetry.serial;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.tavan.telemetry.ingest.GatewayReports;

/**
 * What the gateway knows about one rig's port, for its status heartbeat: whether the port is
 * open and how many frames it has read since the gateway started. The port's reader updates
 * it; the sender reads it every {@code every} (zero: never, see --status-every).
 */
final class GatewayHeartbeat {

    private final Duration every;
    private final AtomicLong framesRead = new AtomicLong();
    private volatile boolean portOpen;

    GatewayHeartbeat(Duration every) {
        this.every = every;
    }

    Duration every() {
        return every;
    }

    boolean enabled() {
        return !every.isZero();
    }

    void opened() {
        portOpen = true;
    }

    void closed() {
        portOpen = false;
    }

    void frameRead() {
        framesRead.incrementAndGet();
    }

    byte[] payload() {
        return new GatewayReports.Status(portOpen, framesRead.get(), every).payload();
    }
}
