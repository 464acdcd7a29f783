package org.tavan.telemetry.serial;

import java.io.ByteArrayOutputStream;

import org.tavan.telemetry.profile.SerialTransport;

/**
 * Cuts a byte stream into binary frames as a profile's {@code framing} says: by a start byte, a
 * fixed length or a length field, and/or a silence on the line. Whatever does not make a frame —
 * bytes before a start byte, a frame cut short by silence, a length field that cannot be right —
 * is handed on as a frame all the same, so the decoder rejects it with a reason and it is
 * counted: nothing a rig sends disappears unseen. A frame longer than the limit is reported as
 * too long and dropped up to the next silence (or at once without one).
 */
final class BinaryFramer {

    private final SerialTransport.Framing framing;
    private final int maxFrameBytes;
    private final LineFramer.Sink sink;
    private final long silenceNanos;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final ByteArrayOutputStream skipped = new ByteArrayOutputStream();
    private long lastByte;
    private int dropping = -1;

    BinaryFramer(SerialTransport.Framing framing, int maxFrameBytes, LineFramer.Sink sink) {
        this.framing = framing;
        this.maxFrameBytes = maxFrameBytes;
        this.sink = sink;
        this.silenceNanos = framing.silenceMillis() * 1_000_000L;
    }

    /** How long a read may wait for bytes before the framer must look at the clock again. */
    int readTimeoutMillis() {
        return framing.silenceMillis() > 0 ? Math.max(1, framing.silenceMillis() / 2) : 250;
    }

    void accept(byte[] bytes, int length, long nowNanos) {
        if (length > 0) {
            idle(nowNanos);
        }
        for (int i = 0; i < length; i++) {
            push(bytes[i]);
        }
        if (length > 0) {
            lastByte = nowNanos;
        }
    }

    /** Called when a read returned nothing: a silence long enough ends whatever is pending. */
    void idle(long nowNanos) {
        if (silenceNanos > 0 && nowNanos - lastByte >= silenceNanos) {
            endOfSilence();
        }
    }

    private void endOfSilence() {
        if (dropping >= 0) {
            sink.tooLong(dropping);
            dropping = -1;
        }
        emitSkipped();
        if (buffer.size() > 0) {
            emit();
        }
    }

    private void push(byte b) {
        if (dropping >= 0) {
            dropping++;
            return;
        }
        if (buffer.size() == 0 && framing.startByte().isPresent() && (b & 0xFF) != framing.startByte().getAsInt()) {
            skipped.write(b);
            if (skipped.size() > maxFrameBytes) {
                sink.tooLong(skipped.size());
                skipped.reset();
            }
            return;
        }
        emitSkipped();
        buffer.write(b);
        int size = buffer.size();
        int length = framing.lengthOf(buffer.toByteArray(), size);
        if (length == 0 || length < 0) {
            if (size > maxFrameBytes) {
                startDropping(size);
            }
            return;
        }
        if (length > maxFrameBytes) {
            startDropping(size);
        } else if (length <= framing.lengthOffset() + framing.lengthSize() && framing.hasLengthField() || size == length) {
            // A length that does not even cover its own field is garbage: hand it on to be rejected.
            emit();
        }
    }

    private void startDropping(int size) {
        buffer.reset();
        if (silenceNanos > 0) {
            dropping = size;
        } else {
            sink.tooLong(size);
        }
    }

    private void emit() {
        byte[] frame = buffer.toByteArray();
        buffer.reset();
        sink.frame(frame);
    }

    private void emitSkipped() {
        if (skipped.size() > 0) {
            byte[] junk = skipped.toByteArray();
            skipped.reset();
            sink.frame(junk);
        }
    }

    /** Bytes of an unfinished frame are handed on when the port closes (the rest of it never comes). */
    void reset() {
        endOfSilence();
    }
}
