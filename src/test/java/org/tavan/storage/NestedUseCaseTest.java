package org.tavan.storage;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tavan.testing.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A service's use case called from inside another feature's use case joins that transaction
 * (JDBI reuses the thread's handle), so a service offers each use case once, without a
 * second variant that takes the caller's handle.
 */
class NestedUseCaseTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void a_use_case_inside_another_runs_in_its_transaction_and_rolls_back_with_it(TestDatabases.Kind kind) {
        try (Database db = Database.open(TestDatabases.of(kind, dir), null)) {
            db.useTransaction(h -> h.execute("CREATE TABLE marks (what TEXT NOT NULL)"));
            assertThatThrownBy(() -> db.useTransaction(outer -> {
                outer.execute("INSERT INTO marks (what) VALUES ('outer')");
                db.useTransaction(inner -> {
                    assertThat(inner).isSameAs(outer);
                    inner.execute("INSERT INTO marks (what) VALUES ('inner')");
                });
                assertThat(db.<Integer, RuntimeException>read(r -> r.createQuery("SELECT COUNT(*) FROM marks").mapTo(Integer.class).one()))
                        .as("a read inside sees the transaction's own writes").isEqualTo(2);
                throw new IllegalStateException("the outer use case fails after the inner one");
            })).isInstanceOf(IllegalStateException.class);

            assertThat(db.<Integer, RuntimeException>read(h -> h.createQuery("SELECT COUNT(*) FROM marks").mapTo(Integer.class).one())).isZero();
        }
    }
}
