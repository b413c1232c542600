package io.transcribebridge.doctor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

import io.transcribebridge.config.StartupWait;
import io.transcribebridge.labelstudio.ApiKeyKind;
import io.transcribebridge.labelstudio.LabelStudioAuth;
import io.transcribebridge.labelstudio.LabelStudioAuthException;
import io.transcribebridge.labelstudio.LabelStudioErrors;
import io.transcribebridge.labelstudio.LabelStudioUrls;

/**
 * Which kind of key LABEL_STUDIO_API_KEY is (legacy token or Personal Access Token, from its format), and whether
 * Label Studio accepts it: {@code GET /api/current-user/whoami} with the header the imports will use, so a PAT is
 * refreshed at {@code /api/token/refresh/} first. The verdicts are those of the imports (LabelStudioErrors).
 */
final class TokenCheck implements Check {

    static final String NAME = "Label Studio token";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> needs() {
        return List.of(LabelStudioUrlCheck.NAME);
    }

    @Override
    public Finding run(Examination examination) {
        LabelStudioAuth auth;
        try {
            auth = examination.auth();
        } catch (IllegalArgumentException e) {
            return Finding.fatal(NAME, e.getMessage());
        }
        URI whoami = LabelStudioUrls.resolve(examination.settings.labelStudioUrl(), "/api/current-user/whoami");
        HttpResponse<String> answer;
        try {
            answer = examination.labelStudioWait().call("Cannot check the Label Studio token yet", () -> {
                HttpResponse<String> response = examination.get(whoami, auth.authorizationHeader());
                if (response.statusCode() == 401 && auth.renewAfterUnauthorized()) {
                    response = examination.get(whoami, auth.authorizationHeader());
                }
                if (response.statusCode() == 429 || response.statusCode() >= 500) {
                    throw new IOException("GET " + whoami + " answered HTTP " + response.statusCode());
                }
                return response;
            });
        } catch (LabelStudioAuthException e) {
            return Finding.fatal(NAME, e.getMessage());
        } catch (StartupWait.GaveUp e) {
            return Finding.fatal(NAME, "cannot check the " + auth.kind().description() + " " + e.afterAttempts()
                    + ": " + e.getMessage());
        }
        if (answer.statusCode() == 401) {
            return Finding.fatal(NAME, LabelStudioErrors.describe(401, answer.body(), auth.kind())
                    + " (check LABEL_STUDIO_API_KEY)");
        }
        if (answer.statusCode() != 200) {
            return Finding.fatal(NAME, "GET " + whoami + " answered HTTP " + answer.statusCode() + ": "
                    + LabelStudioErrors.detail(answer.body()));
        }
        return Finding.ok(NAME, auth.kind() == ApiKeyKind.PERSONAL_ACCESS_TOKEN
                ? "Personal Access Token accepted (refreshed at /api/token/refresh/ for an access token)"
                : "legacy token accepted");
    }
}
