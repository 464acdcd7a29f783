package org.tavan.telemetry.ingest;

/**
 * Where this instance's rig messages come from: the MQTT broker (embedded or external) or the
 * national queue. /health and the admin page ask it the same questions whichever it is.
 */
public interface IngestSource {

    /** "mqtt" or "queue". */
    String kind();

    /** Where it connects to, without secrets. */
    String url();

    boolean isConnected();

    /** Why it is not connected (refused, lost, not yet), or null while connected. */
    String lastProblem();

    /** Messages the broker holds for this installation that no instance has taken yet; -1 when the broker cannot tell. */
    long waitingAtBroker();
}
