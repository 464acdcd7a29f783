package org.tavan.simulators;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.fazecast.jSerialComm.SerialPort;
import org.tavan.telemetry.profile.SerialTransport;

/**
 * The slave side of a polled rig (Modbus RTU): each frame is sent only as the answer to one of
 * the profile's requests, as a real controller does; the master (Tavan) sets the pace. During a
 * dropout requests go unanswered, as they do to a controller without power.
 */
public final class PolledSerialResponder implements FramePublisher {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final SerialPort port;
    private final List<byte[]> requests;
    private final ByteArrayOutputStream heard = new ByteArrayOutputStream();
    private int answered;

    public PolledSerialResponder(String portName, SerialTransport line) throws IOException {
        this.requests = line.poll().orElseThrow(() -> new IllegalArgumentException("the profile polls nothing")).requests();
        this.port = SerialPort.getCommPort(portName);
        port.setComPortParameters(line.baud(), line.dataBits(), line.stopBits() == 2 ? SerialPort.TWO_STOP_BITS
                : SerialPort.ONE_STOP_BIT, SerialFramePublisher.parity(line.parity()));
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 50, 5_000);
        if (!port.openPort()) {
            throw new IOException("Cannot open serial port " + portName + " (error " + port.getLastErrorCode() + ")");
        }
    }

    /** Requests answered so far. */
    public int answered() {
        return answered;
    }

    @Override
    public void send(byte[] frame) throws IOException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!requestHeard()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("no request from the master on " + port.getSystemPortPath() + " in " + PATIENCE.toSeconds() + " s");
            }
        }
        int written = 0;
        while (written < frame.length) {
            int n = port.writeBytes(frame, frame.length - written, written);
            if (n < 0) {
                throw new IOException("Writing to " + port.getSystemPortPath() + " failed (error " + port.getLastErrorCode() + ")");
            }
            written += n;
        }
        answered++;
    }

    /** Reads what is there (up to 50 ms) and says whether it ends with one of the profile's requests. */
    private boolean requestHeard() throws IOException {
        byte[] buffer = new byte[256];
        int n = port.readBytes(buffer, buffer.length);
        if (n < 0) {
            throw new IOException("Reading " + port.getSystemPortPath() + " failed (error " + port.getLastErrorCode() + ")");
        }
        heard.write(buffer, 0, n);
        byte[] all = heard.toByteArray();
        for (byte[] r : requests) {
            if (all.length >= r.length && Arrays.equals(all, all.length - r.length, all.length, r, 0, r.length)) {
                heard.reset();
                return true;
            }
        }
        if (all.length > 1024) {
            heard.reset();
        }
        return false;
    }

    @Override
    public void dropOut(Duration downtime) throws IOException {
        long end = System.nanoTime() + downtime.toNanos();
        while (System.nanoTime() < end) {
            requestHeard();
        }
    }

    @Override
    public void flush() {
        // Each answer is written whole before send returns.
    }

    @Override
    public void close() {
        port.closePort();
    }
}
