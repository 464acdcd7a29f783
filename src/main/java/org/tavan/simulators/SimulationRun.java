package org.tavan.simulators;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.locks.LockSupport;

/** Sends a simulated rig's run through a publisher at the rig's pace (or at full speed). */
public final class SimulationRun {

    /** What was sent: readings, repeated frames, corrupt frames, dropouts, how long it took, and status lines and banners. */
    public record Summary(int readings, int duplicates, int corrupt, int dropouts, Duration elapsed, int status) {

        public double framesPerSecond() {
            double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
            return (readings + duplicates + corrupt + status) / seconds;
        }
    }

    private SimulationRun() {
    }

    /**
     * @param rate readings per second; 0 or less sends as fast as the publisher takes them
     */
    public static Summary run(SimulatedRig rig, int readings, FramePublisher publisher, double rate, Duration dropoutDowntime)
            throws Exception {
        long t0 = System.nanoTime();
        int sentReadings = 0;
        int duplicates = 0;
        int corrupt = 0;
        int dropouts = 0;
        int status = 0;
        Iterator<SimulatedFrame> frames = rig.frames(readings);
        while (frames.hasNext()) {
            SimulatedFrame frame = frames.next();
            if (frame.reconnectBefore()) {
                publisher.dropOut(dropoutDowntime);
                dropouts++;
            }
            if (frame.kind() == SimulatedFrame.Kind.READING) {
                if (rate > 0) {
                    long due = t0 + (long) (sentReadings * 1e9 / rate) + dropouts * dropoutDowntime.toNanos();
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                sentReadings++;
            } else if (frame.kind() == SimulatedFrame.Kind.DUPLICATE) {
                duplicates++;
            } else if (frame.kind() == SimulatedFrame.Kind.STATUS) {
                status++;
            } else {
                corrupt++;
            }
            publisher.send(frame.bytes());
        }
        publisher.flush();
        return new Summary(sentReadings, duplicates, corrupt, dropouts, Duration.ofNanos(System.nanoTime() - t0), status);
    }
}
