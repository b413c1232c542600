package io.transcribebridge.pipeline;

/** {@link RevokedKeyTest} with a legacy token, after the organization disabled legacy tokens. */
class DisabledLegacyTokenTest extends RevokedKeyTest {

    @Override
    protected String apiKey() {
        return labelStudio.legacyToken();
    }

    @Override
    protected void refuseKey() {
        labelStudio.legacyTokensEnabled(false);
    }

    @Override
    protected String expectedReason() {
        return "Label Studio rejected the legacy token (HTTP 401: Authentication token no longer valid: legacy "
               + "token authentication has been disabled for this organization): legacy tokens are disabled in "
               + "this organization: use a Personal Access Token, or enable legacy tokens under Organization > "
               + "Access Token Settings";
    }

    /** The one import request Label Studio answered 401; a legacy token cannot be renewed. */
    @Override
    protected int expectedImportRequests() {
        return 1;
    }

    @Override
    protected int expectedRefreshRequests() {
        return 0;
    }
}
