package org.tavan.auth;

import java.nio.file.Path;

import org.tavan.config.TavanConfig;
import org.tavan.testing.TestDatabases;

class PostgresSignInThrottleTest extends SignInThrottleContract {
    @Override
    TavanConfig.Db database(Path dir) {
        return TestDatabases.postgres();
    }
}
