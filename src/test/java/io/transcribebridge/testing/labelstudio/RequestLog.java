package io.transcribebridge.testing.labelstudio;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Requests are logged on arrival, so a request that is still sleeping in an import delay already counts. */
final class RequestLog {

    static final class Entry {
        private final String method;
        private final String path;
        private final AtomicInteger status = new AtomicInteger();

        private Entry(String method, String path) {
            this.method = method;
            this.path = path;
        }

        void answered(int httpStatus) {
            status.set(httpStatus);
        }

        RecordedRequest snapshot() {
            return new RecordedRequest(method, path, status.get());
        }
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    Entry arrived(String method, String path) {
        Entry entry = new Entry(method, path);
        entries.add(entry);
        return entry;
    }

    List<RecordedRequest> snapshot() {
        return entries.stream().map(Entry::snapshot).toList();
    }

    int count(Predicate<RecordedRequest> predicate) {
        return (int) entries.stream().map(Entry::snapshot).filter(predicate).count();
    }

    int countPath(String pathRegex) {
        Pattern pattern = Pattern.compile(pathRegex);
        return count(r -> pattern.matcher(r.path()).matches());
    }
}
