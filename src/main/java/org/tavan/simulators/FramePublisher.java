package org.tavan.simulators;

import java.time.Duration;

/** Sends a simulated rig's frames over the rig's real transport. */
public interface FramePublisher extends AutoCloseable {

    void send(byte[] frame) throws Exception;

    /** Goes off the line for {@code downtime} and comes back, as a rig losing power or network does. */
    void dropOut(Duration downtime) throws Exception;

    /** Returns when everything sent so far has left (serial) or been acknowledged by the broker (MQTT QoS 1). */
    void flush() throws Exception;

    @Override
    void close();
}
