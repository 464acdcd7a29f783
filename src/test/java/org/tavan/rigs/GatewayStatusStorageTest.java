package org.tavan.rigs;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tavan.App;
import org.tavan.audit.Actor;
import org.tavan.testing.TestApps;
import org.tavan.testing.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway heartbeat on both databases: the upsert, a late heartbeat, and what the status makes of it. */
class GatewayStatusStorageTest {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void a_heartbeat_is_kept_per_rig_a_late_one_changes_nothing_and_an_unknown_rig_gets_none(TestDatabases.Kind kind) {
        // The registry reads the time at each view: a fixed clock makes "up until" exact.
        try (App app = new App(TestApps.config(dir, TestDatabases.of(kind, dir)), Clock.fixed(T0, ZoneOffset.UTC))
                .start()) {
            Rigs rigs = app.rigs();
            rigs.register(new Rigs.NewRig("drum-st-01", "double-drum-drm", "Qom workshop", "Drum", null, null),
                    Actor.system("test"));
            assertThat(rigs.get("drum-st-01").gateway()).isNull();

            assertThat(rigs.recordGateway("drum-st-01", T0.minusSeconds(5), T0.plusSeconds(25), true, 40)).isTrue();
            RigView seen = rigs.get("drum-st-01");
            assertThat(seen.gateway()).isEqualTo(new RigView.Gateway(T0.minusSeconds(5), true, true, 40));
            assertThat(seen.status()).as("no frame ever, gateway up, port open").isEqualTo("stalled");

            // Older than the stored one (QoS 0, via another instance): ignored.
            rigs.recordGateway("drum-st-01", T0.minusSeconds(15), T0.plusSeconds(15), false, 30);
            assertThat(rigs.get("drum-st-01").gateway().framesRead()).isEqualTo(40);

            rigs.recordGateway("drum-st-01", T0.minusSeconds(40), T0.minusSeconds(1), true, 40);
            assertThat(rigs.get("drum-st-01").gateway().framesRead()).as("still the newer one").isEqualTo(40);

            rigs.recordGateway("drum-st-01", T0.minusSeconds(2), T0.plusSeconds(28), false, 41);
            assertThat(rigs.get("drum-st-01").status()).as("gateway up, port closed").isEqualTo("offline");

            rigs.recordGateway("drum-st-01", T0.minusSeconds(1), T0.minusMillis(1), true, 41);
            RigView gone = rigs.get("drum-st-01");
            assertThat(gone.gateway().up()).isFalse();
            assertThat(gone.status()).as("port open at the last heartbeat, but no heartbeat due any more")
                    .isEqualTo("offline");

            assertThat(rigs.recordGateway("drum-st-99", T0, T0.plusSeconds(30), true, 1)).isFalse();
        }
    }
}
