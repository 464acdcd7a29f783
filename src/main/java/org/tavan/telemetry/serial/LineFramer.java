package org.tavan.telemetry.serial;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Cuts a byte stream into frames at a terminator, whatever the read boundaries are. A frame
 * longer than the limit is dropped up to its terminator and reported once as too long, so
 * a rig that stops sending terminators cannot make Tavan buffer without end.
 */
final class LineFramer {

    interface Sink {
        void frame(byte[] frame);

        void tooLong(int bytesDropped);
    }

    private final byte[] terminator;
    private final int maxFrameBytes;
    private final Sink sink;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private int dropping = -1;

    LineFramer(byte[] terminator, int maxFrameBytes, Sink sink) {
        if (terminator.length == 0 || terminator.length > 8) {
            throw new IllegalArgumentException("a line terminator has 1 to 8 bytes");
        }
        this.terminator = terminator.clone();
        this.maxFrameBytes = maxFrameBytes;
        this.sink = sink;
    }

    void accept(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (dropping >= 0) {
                dropping++;
                if (endsWithTerminator(b)) {
                    sink.tooLong(dropping);
                    dropping = -1;
                    buffer.reset();
                    tail.reset();
                }
                continue;
            }
            buffer.write(b);
            if (endsWithTerminator(b)) {
                byte[] all = buffer.toByteArray();
                buffer.reset();
                tail.reset();
                byte[] frame = Arrays.copyOf(all, all.length - terminator.length);
                if (frame.length > 0) {
                    sink.frame(frame);
                }
            } else if (buffer.size() > maxFrameBytes + terminator.length) {
                dropping = buffer.size();
                buffer.reset();
                tail.reset();
            }
        }
    }

    /** Bytes of an unfinished frame, dropped when the port closes (the rest of it never comes). */
    void reset() {
        buffer.reset();
        tail.reset();
        dropping = -1;
    }

    // The last bytes seen, to recognise a multi-byte terminator even while dropping.
    private final Tail tail = new Tail();

    private boolean endsWithTerminator(byte b) {
        tail.push(b);
        return tail.endsWith(terminator);
    }

    private static final class Tail {
        private final byte[] last = new byte[8];
        private int count;

        void push(byte b) {
            System.arraycopy(last, 1, last, 0, last.length - 1);
            last[last.length - 1] = b;
            count++;
        }

        boolean endsWith(byte[] t) {
            if (count < t.length) {
                return false;
            }
            for (int i = 0; i < t.length; i++) {
                if (last[last.length - t.length + i] != t[i]) {
                    return false;
                }
            }
            return true;
        }

        void reset() {
            count = 0;
        }
    }
}
