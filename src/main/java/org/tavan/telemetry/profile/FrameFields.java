package org.tavan.telemetry.profile;

import java.util.List;

import org.tavan.telemetry.FrameRejected;

/** The parsed fields of one frame, as a format decoder offers them to the {@link FrameAssembler}. */
interface FrameFields {

    /** The text at {@code ref}, or null when the frame does not have it (or it is empty or JSON null). */
    String text(FieldRef ref) throws FrameRejected;

    /** Every element matched by a path with [*], with the index each [*] took. Only JSON frames have arrays. */
    List<Element> elements(FieldRef ref) throws FrameRejected;

    record Element(List<Integer> indexes, String text) {
    }
}
