package io.transcribebridge.testing.labelstudio;

import java.util.List;
import java.util.Optional;

/** Page arithmetic shared by the listing endpoints (1-based pages). */
final class Pages {

    private Pages() {
    }

    /** The requested page, or empty when it does not exist (page 1 of an empty list exists). */
    static <T> Optional<List<T>> page(List<T> all, int page, int pageSize) {
        if (page < 1 || pageSize < 1) {
            return Optional.empty();
        }
        long from = (long) (page - 1) * pageSize;
        if (from >= all.size() && page != 1) {
            return Optional.empty();
        }
        int start = (int) Math.min(from, all.size());
        int end = (int) Math.min(from + pageSize, all.size());
        return Optional.of(all.subList(start, end));
    }

    static int intParam(Request request, String name, int defaultValue) {
        try {
            return request.queryParam(name).map(String::strip).map(Integer::parseInt).orElse(defaultValue);
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }
}
