package io.transcribebridge.testing.transcribe;

/**
 * Checks that a request carries a SigV4 Authorization header scoped to this region and service.
 * The signature itself is not verified: any credentials are accepted.
 */
final class SignatureCheck {

    private SignatureCheck() {
    }

    static void check(String authorization, String region) {
        if (authorization == null || authorization.isBlank()) {
            throw TranscribeError.of("MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        int credentialAt = authorization.indexOf("Credential=");
        if (!authorization.startsWith("AWS4-HMAC-SHA256 ") || credentialAt < 0) {
            throw TranscribeError.of("UnrecognizedClientException",
                    "The security token included in the request is invalid.");
        }
        String credential = authorization.substring(credentialAt + "Credential=".length()).split("[,\\s]", 2)[0];
        String[] scope = credential.split("/");
        if (scope.length != 5 || !"aws4_request".equals(scope[4])) {
            throw TranscribeError.of("IncompleteSignatureException",
                    "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term,"
                            + " got '" + credential + "'");
        }
        if (!region.equals(scope[2])) {
            throw TranscribeError.of("InvalidSignatureException",
                    "Credential should be scoped to a valid region, not '" + scope[2] + "'. ");
        }
        if (!"transcribe".equals(scope[3])) {
            throw TranscribeError.of("InvalidSignatureException",
                    "Credential should be scoped to correct service: 'transcribe'. ");
        }
    }
}
