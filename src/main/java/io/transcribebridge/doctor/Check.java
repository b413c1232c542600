package io.transcribebridge.doctor;

import java.util.List;

/** One start-up check. */
interface Check {

    /** As shown in the report, e.g. "Source bucket". */
    String name();

    /** Earlier checks this one builds on: when one of them failed or was skipped, this one is skipped. */
    List<String> needs();

    /** Runs the check; may leave what later checks need in {@code examination}. */
    Finding run(Examination examination);
}
