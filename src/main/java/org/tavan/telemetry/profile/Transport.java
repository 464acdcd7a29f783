package org.tavan.telemetry.profile;

/** How frames of a rig kind arrive: one MQTT message per frame, or one line of a serial port per frame. */
public sealed interface Transport permits MqttTransport, SerialTransport {

    /** Longer frames are rejected as {@code too_long} (a serial reader should stop buffering there). */
    int maxFrameBytes();
}
