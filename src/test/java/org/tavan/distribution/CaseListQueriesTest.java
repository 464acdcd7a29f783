package org.tavan.distribution;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.auth.Scope;
import org.tavan.storage.Database;
import org.tavan.testing.SqlStatements;
import org.tavan.testing.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/** The officers' case lists run a fixed number of statements, not a few more for every case. */
class CaseListQueriesTest {

    @TempDir
    Path dir;

    @Test
    void the_case_list_and_a_persons_cases_run_as_many_statements_for_six_cases_as_for_one() {
        try (Database db = Database.open(TestDatabases.sqlite(dir), null)) {
            db.migrate();
            CaseDesk desk = new CaseDesk(db);
            SqlStatements sql = SqlStatements.on(db);
            desk.distribution.open(new Distribution.OpenCase(desk.approvedProposal("TVN-0", 10)), Scope.NATIONAL, CaseDesk.OFFICER);
            int listOfOne = sql.during(() -> desk.distribution.list(null, Scope.NATIONAL));
            int personOfOne = sql.during(() -> desk.distribution.ofPerson(desk.beneficiaryId, Scope.NATIONAL));
            for (int i = 1; i <= 5; i++) {
                desk.distribution.open(new Distribution.OpenCase(desk.approvedProposal("TVN-" + i, 10)), Scope.NATIONAL, CaseDesk.OFFICER);
            }
            assertThat(desk.distribution.list(null, Scope.NATIONAL)).hasSize(6).allSatisfy(c -> assertThat(c.steps()).hasSize(4));

            assertThat(sql.during(() -> desk.distribution.list(null, Scope.NATIONAL))).as("list of 6, list of 1 ran " + listOfOne)
                    .isEqualTo(listOfOne);
            assertThat(sql.during(() -> desk.distribution.ofPerson(desk.beneficiaryId, Scope.NATIONAL)))
                    .as("person's 6 cases, 1 case ran " + personOfOne).isEqualTo(personOfOne);
        }
    }
}
