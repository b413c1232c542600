package io.transcribebridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/** The management server as a prober and a Prometheus scraper see it: plain HTTP GETs on the management port. */
public final class ManagementEndpoints {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    public ManagementEndpoints(int port) {
        this.port = port;
    }

    public HttpResponse<String> get(String path) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status(String path) {
        return get(path).statusCode();
    }

    public Metrics scrape() {
        HttpResponse<String> response = get("/observe/metrics");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/observe/metrics answered " + response.statusCode());
        }
        return new Metrics(response.body());
    }

    /** One scrape in the Prometheus text format. */
    public record Metrics(String text) {

        /** The samples of {@code name} whose labels include every {@code label="value"} given. */
        public List<Double> samples(String name, String... labels) {
            List<Double> values = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                int end = line.lastIndexOf(' ');
                String series = line.substring(0, end);
                int brace = series.indexOf('{');
                String seriesName = brace < 0 ? series : series.substring(0, brace);
                String seriesLabels = brace < 0 ? "" : series.substring(brace);
                if (seriesName.equals(name) && Arrays.stream(labels).allMatch(seriesLabels::contains)) {
                    values.add(Double.parseDouble(line.substring(end + 1)));
                }
            }
            return values;
        }

        /** The one sample of {@code name} with these labels; fails if there is none or several. */
        public double value(String name, String... labels) {
            List<Double> values = samples(name, labels);
            if (values.size() != 1) {
                throw new AssertionError(values.size() + " samples of " + name + " " + Arrays.toString(labels)
                                         + " in the scrape");
            }
            return values.get(0);
        }

        public OptionalDouble find(String name, String... labels) {
            List<Double> values = samples(name, labels);
            return values.size() == 1 ? OptionalDouble.of(values.get(0)) : OptionalDouble.empty();
        }

        public boolean has(String name) {
            return !samples(name).isEmpty();
        }
    }
}
