package io.transcribebridge.testing.labelstudio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PythonReprTest {

    @Test
    void formatsJsonLikePythonReprOfTheDecodedObject() {
        assertThat(PythonRepr.repr(Json.parse(
                "{\"a\": [1, 2.5, 3.0, true, null], \"b\": \"it's\", \"c\": \"x\\ny\", \"d\": 1e-05}")))
                .isEqualTo("{'a': [1, 2.5, 3.0, True, None], 'b': \"it's\", 'c': 'x\\ny', 'd': 1e-05}");
    }

    @Test
    void strLeavesTopLevelStringsBare() {
        assertThat(PythonRepr.str(Json.parse("\"plain\""))).isEqualTo("plain");
        assertThat(PythonRepr.str(Json.parse("[\"quoted\"]"))).isEqualTo("['quoted']");
    }
}
