package org.tavan.telemetry.mqtt;

import java.nio.file.Path;

import org.apache.activemq.artemis.core.server.JournalType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded broker's fast journal is what the build and the README's run command promise; the
 * build unpacks its JNI wrapper into target/native and Maven's test JVM gets that directory as
 * java.library.path, so a missing or misnamed wrapper shows here, not as a slow workshop server.
 */
class EmbeddedJournalTest {

    @TempDir
    Path dir;

    @Test
    void the_embedded_broker_journals_through_libaio_when_the_build_provides_its_wrapper() {
        try (EmbeddedBroker broker = new EmbeddedBroker(dir.resolve("broker"), "127.0.0.1", 0,
                new BrokerAccess("tavan-service", "service-password"))) {
            broker.start();
            assertThat(broker.journalType())
                    .as("journal type with java.library.path=%s (the build unpacks libartemis-native-64.so into "
                            + "target/native; Debian's libaio1 must be installed)", System.getProperty("java.library.path"))
                    .isEqualTo(JournalType.ASYNCIO);
        }
    }
}
