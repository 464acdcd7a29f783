-- From an approved proposal to the person and after: one service case per approved proposal.
-- status: open -> shipped -> received -> handed_over -> fitted -> trained -> closed; returned ends a case early.
CREATE TABLE service_cases (
    id             ${id},
    proposal_id    BIGINT NOT NULL UNIQUE REFERENCES proposals (id),
    beneficiary_id BIGINT NOT NULL REFERENCES beneficiaries (id),
    assessment_id  BIGINT NOT NULL REFERENCES assessments (id),
    serial         TEXT   NOT NULL,
    device_class   TEXT   NOT NULL,
    centre         TEXT   NOT NULL,
    status         TEXT   NOT NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX service_cases_by_serial ON service_cases (serial);

-- WHO's eight steps of service, each recorded against the person and the serial.
CREATE TABLE service_steps (
    id             ${id},
    case_id        BIGINT  NOT NULL REFERENCES service_cases (id),
    step           INTEGER NOT NULL,
    name           TEXT    NOT NULL,
    beneficiary_id BIGINT  NOT NULL,
    serial         TEXT    NOT NULL,
    at             BIGINT  NOT NULL,
    recorded_by    TEXT    NOT NULL,
    details_json   TEXT    NOT NULL
);
CREATE INDEX service_steps_by_case ON service_steps (case_id, id);

CREATE TABLE shipments (
    id                 ${id},
    case_id            BIGINT NOT NULL UNIQUE REFERENCES service_cases (id),
    centre             TEXT   NOT NULL,
    packing_list_json  TEXT   NOT NULL,
    shipped_at         BIGINT NOT NULL,
    shipped_by         TEXT   NOT NULL,
    received_at        BIGINT,
    received_by        TEXT,
    proof_of_delivery  TEXT
);

CREATE TABLE follow_ups (
    id       ${id},
    case_id  BIGINT NOT NULL REFERENCES service_cases (id),
    due_on   TEXT   NOT NULL,
    done_at  BIGINT,
    outcome  TEXT,
    notes    TEXT
);
CREATE INDEX follow_ups_by_due ON follow_ups (done_at, due_on);
