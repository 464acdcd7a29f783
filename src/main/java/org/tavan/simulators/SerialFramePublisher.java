package org.tavan.simulators;

import java.io.IOException;
import java.time.Duration;

import com.fazecast.jSerialComm.SerialPort;
import org.tavan.telemetry.profile.SerialTransport;

/** Writes each frame and the profile's line terminator to a serial port (a real one or a socat pty). */
public final class SerialFramePublisher implements FramePublisher {

    private final SerialPort port;
    private final byte[] terminator;

    public SerialFramePublisher(String portName, SerialTransport line) throws IOException {
        this.port = SerialPort.getCommPort(portName);
        this.terminator = line.lineTerminatorBytes();
        port.setComPortParameters(line.baud(), line.dataBits(), line.stopBits() == 2 ? SerialPort.TWO_STOP_BITS
                : SerialPort.ONE_STOP_BIT, parity(line.parity()));
        port.setComPortTimeouts(SerialPort.TIMEOUT_WRITE_BLOCKING, 0, 5_000);
        open();
    }

    private void open() throws IOException {
        if (!port.openPort()) {
            throw new IOException("Cannot open serial port " + port.getSystemPortPath() + " (error " + port.getLastErrorCode() + ")");
        }
    }

    static int parity(String parity) {
        return switch (parity) {
            case "even" -> SerialPort.EVEN_PARITY;
            case "odd" -> SerialPort.ODD_PARITY;
            case "mark" -> SerialPort.MARK_PARITY;
            case "space" -> SerialPort.SPACE_PARITY;
            default -> SerialPort.NO_PARITY;
        };
    }

    @Override
    public void send(byte[] frame) throws IOException {
        byte[] line = new byte[frame.length + terminator.length];
        System.arraycopy(frame, 0, line, 0, frame.length);
        System.arraycopy(terminator, 0, line, frame.length, terminator.length);
        int written = 0;
        while (written < line.length) {
            int n = port.writeBytes(line, line.length - written, written);
            if (n < 0) {
                throw new IOException("Writing to " + port.getSystemPortPath() + " failed (error " + port.getLastErrorCode() + ")");
            }
            written += n;
        }
    }

    @Override
    public void flush() {
        // Writes block until the bytes are handed to the driver.
    }

    /**
     * The rig goes silent for {@code downtime}, as one that lost power does. The port stays open:
     * it is Tavan's side of the cable that sees a USB adapter disappear, and closing a socat pty
     * would end socat itself.
     */
    @Override
    public void dropOut(Duration downtime) throws InterruptedException {
        Thread.sleep(downtime.toMillis());
    }

    @Override
    public void close() {
        port.closePort();
    }
}
