package org.tavan.telemetry.profile;

import org.tavan.telemetry.DecodedFrame;
import org.tavan.telemetry.FrameRejected;

/**
 * Turns one raw frame of a rig into the canonical {@link DecodedFrame}. There is one implementation
 * per payload format (JSON, delimited text, key=value); each checks the length and the profile's
 * checksum first. For any input whatsoever it returns a frame or throws {@link FrameRejected}:
 * never a RuntimeException, because ingest counts rejections per rig and must keep running.
 * Implementations are immutable and safe to share between threads.
 */
public interface FrameDecoder {

    DecodedFrame decode(byte[] frame) throws FrameRejected;
}
