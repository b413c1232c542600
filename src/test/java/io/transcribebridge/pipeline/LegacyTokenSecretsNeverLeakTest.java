package io.transcribebridge.pipeline;

/** {@link SecretsNeverLeakTest}'s flow with a legacy token, which is sent as it is on every request. */
class LegacyTokenSecretsNeverLeakTest extends SecretsNeverLeakTest {

    @Override
    protected String apiKey() {
        return labelStudio.legacyToken();
    }

    /** Label Studio answers 401 to every legacy token from now on; a legacy token cannot be renewed. */
    @Override
    protected void revokeKey() {
        labelStudio.legacyTokensEnabled(false);
    }
}
