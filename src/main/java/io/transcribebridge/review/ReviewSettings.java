package io.transcribebridge.review;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.transcribebridge.config.SettingsReader;

/**
 * The loop after the review ({@code review.*}).
 *
 * @param enabled            serve the webhook, settle reviews, write deliverables, report and vocabulary
 * @param webhookPort        the port of {@code POST /label-studio/webhook}
 * @param webhookSecret      what Label Studio must send in {@code X-Transcribe-Bridge-Secret}
 * @param webhookUrl         where Label Studio reaches the service; when set, the webhook is registered at start
 * @param reconcileInterval  how often the project's tasks are read to settle what webhooks missed
 * @param reportInterval     how soon after reviews the accuracy report and the vocabulary are refreshed
 * @param vocabularyMinFiles distinct reviewed files a vocabulary entry needs
 * @param vocabularyName     the custom vocabulary to create or update when {@code vocabularyApply}
 */
public record ReviewSettings(boolean enabled, int webhookPort, String webhookSecret, Optional<URI> webhookUrl,
                             Duration reconcileInterval, Duration reportInterval, int vocabularyMinFiles,
                             Optional<String> vocabularyName, boolean vocabularyApply) {

    public static final String SECRET_HEADER = "X-Transcribe-Bridge-Secret";
    public static final String WEBHOOK_PATH = "/label-studio/webhook";
    static final int MIN_SECRET_LENGTH = 16;
    // what Label Studio accepts as a header value and HTTP carries unchanged
    private static final Pattern SECRET = Pattern.compile("[\\x21-\\x7E]+");
    private static final Pattern VOCABULARY_NAME = Pattern.compile("[0-9a-zA-Z._-]{1,200}");

    @Override
    public String toString() {
        return "ReviewSettings[enabled=" + enabled + ", webhookPort=" + webhookPort + ", webhookSecret=***, webhookUrl="
               + webhookUrl.map(URI::toString).orElse("") + ", reconcileInterval=" + reconcileInterval
               + ", reportInterval=" + reportInterval + ", vocabularyMinFiles=" + vocabularyMinFiles
               + ", vocabularyName=" + vocabularyName.orElse("") + ", vocabularyApply=" + vocabularyApply + "]";
    }

    public static ReviewSettings load(Function<String, Optional<String>> properties) {
        SettingsReader reader = new SettingsReader(properties);
        boolean enabled = reader.bool("review.enabled");
        int port = reader.count("review.webhook-port", 9090, 65_535);
        String secret = reader.optional("review.webhook-secret", "");
        Optional<String> url = Optional.ofNullable(reader.optional("review.webhook-url", null));
        Duration reconcile = reader.millis("review.reconcile-interval-ms", 600_000);
        Duration report = reader.millis("review.report-interval-ms", 30_000);
        int minFiles = reader.count("review.vocabulary-min-files", 2, 1_000_000);
        Optional<String> vocabulary = Optional.ofNullable(reader.optional("review.vocabulary-name", null));
        boolean apply = reader.bool("review.vocabulary-apply");
        Optional<URI> webhookUrl = Optional.empty();
        if (enabled) {
            if (secret.length() < MIN_SECRET_LENGTH || !SECRET.matcher(secret).matches()) {
                // never the value itself
                reader.problems().add("REVIEW_WEBHOOK_SECRET must be at least " + MIN_SECRET_LENGTH + " printable "
                        + "characters without spaces when REVIEW_ENABLED=true (e.g. openssl rand -hex 24); got "
                        + (secret.isEmpty() ? "none" : secret.length() + " characters"
                        + (SECRET.matcher(secret).matches() ? "" : " with spaces or control characters")));
            }
            webhookUrl = url.flatMap(value -> webhookUrl(value, port).map(problem -> {
                reader.problems().add(problem);
                return Optional.<URI>empty();
            }).orElseGet(() -> Optional.of(URI.create(value))));
            vocabulary.filter(name -> !VOCABULARY_NAME.matcher(name).matches()).ifPresent(name -> reader.problems()
                    .add("REVIEW_VOCABULARY_NAME must be 1 to 200 of 0-9 a-z A-Z . _ - (Transcribe's rule), got '"
                         + name + "'"));
            if (apply && vocabulary.isEmpty()) {
                reader.problems().add("REVIEW_VOCABULARY_APPLY=true needs REVIEW_VOCABULARY_NAME: the custom "
                        + "vocabulary to create or update");
            }
        }
        reader.requireNoProblems();
        return new ReviewSettings(enabled, port, secret, webhookUrl, reconcile, report, minFiles, vocabulary, apply);
    }

    /**
     * A problem with the URL Label Studio is to call, or empty. Label Studio validates it as Django's URLField does:
     * a host without a dot (a compose service name) is refused with "Enter a valid URL.", localhost and IP addresses
     * pass.
     */
    static Optional<String> webhookUrl(String value, int port) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return Optional.of("REVIEW_WEBHOOK_URL is not a URL: '" + value + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            return Optional.of("REVIEW_WEBHOOK_URL must be an http:// or https:// URL with a host, got '" + value
                               + "'");
        }
        String host = uri.getHost();
        boolean dotted = host.contains(".") && !host.endsWith(".") && !host.startsWith(".");
        if (!dotted && !host.equalsIgnoreCase("localhost") && !host.startsWith("[")) {
            return Optional.of("REVIEW_WEBHOOK_URL " + value + ": Label Studio refuses a host without a dot ('"
                               + host + "') as \"Enter a valid URL.\" (Django's URLField). Give the service a "
                               + "dotted name, e.g. the compose network alias transcribe-bridge.internal, and use "
                               + "http://transcribe-bridge.internal:" + port + WEBHOOK_PATH);
        }
        if (host.equals("0.0.0.0")) {
            return Optional.of("REVIEW_WEBHOOK_URL " + value + ": 0.0.0.0 is not an address Label Studio can call");
        }
        if (uri.getPath() == null || !uri.getPath().endsWith(WEBHOOK_PATH)) {
            return Optional.of("REVIEW_WEBHOOK_URL " + value + " must end in the path " + WEBHOOK_PATH
                               + ", where the service listens (a proxy may add a prefix)");
        }
        return Optional.empty();
    }
}
