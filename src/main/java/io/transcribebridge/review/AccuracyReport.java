package io.transcribebridge.review;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The accuracy of the reviewed files grouped by model version, by language and by speaker or channel label:
 * <pre>
 * {"generatedAt": "...", "byModelVersion": {"&lt;mv&gt;": GROUP}, "byLanguage": {...}, "byLabel": {...}}
 * GROUP = {"files", "referenceWords", "errors", "wer", "medianFileWer", "scoreWerSpearman", "werByScoreQuintile"}
 * </pre>
 * <ul>
 * <li>{@code wer} is the micro average, Σ errors / Σ reference words, so long files weigh more than short ones;
 * {@code medianFileWer} shows the typical file. A file with an empty reference has no words but its insertions are
 * errors; when a group has no reference words at all its {@code wer} is 0 without errors and null (undefined) with
 * some. {@code medianFileWer} uses each file's own {@link Accuracy#wer()} (1 for such a file).</li>
 * <li>{@code scoreWerSpearman} is the rank correlation between the prediction score and the file's WER over the
 * files that have a score (ties get their average rank). A higher score claims more confidence, so a score that is
 * worth showing to reviewers correlates <em>negatively</em> with WER: near -1 it orders files well, near 0 it tells
 * nothing. Null with fewer than 3 scored files or when either the scores or the WERs are all equal.</li>
 * <li>{@code werByScoreQuintile}: the scored files by score ascending (ties by job name) cut into min(5, n) groups
 * whose sizes differ by at most one, the larger ones first (7 files: 2, 2, 1, 1, 1); quintile 1 holds the lowest
 * scores. Empty without scored files.</li>
 * <li>{@code byLabel}: each label of each file is one member of that label's group, with the file's score. Files
 * without labels are not in it.</li>
 * </ul>
 * A file whose model version or language is missing or blank is grouped under {@value #NONE}. Keys are sorted;
 * rates and the correlation are rounded to four decimals, half-even (symmetric for negative correlations).
 */
public final class AccuracyReport {

    static final String NONE = "(none)";
    private static final int QUINTILES = 5;
    private static final int MIN_FILES_FOR_CORRELATION = 3;

    private AccuracyReport() {
    }

    public static ObjectNode build(ObjectMapper mapper, Collection<ReviewedFile> files, Instant generatedAt) {
        ObjectNode report = mapper.createObjectNode();
        report.put("generatedAt", generatedAt.toString());
        writeGroups(report.putObject("byModelVersion"),
                groupByFile(files, file -> keyOf(file.modelVersion())));
        writeGroups(report.putObject("byLanguage"), groupByFile(files, file -> keyOf(file.language())));
        writeGroups(report.putObject("byLabel"), groupByLabel(files));
        return report;
    }

    /** What one group member contributes: a whole file, or one label of a file. */
    private record Member(String jobName, Double score, Accuracy accuracy) {

        boolean scored() {
            return score != null && Double.isFinite(score);
        }
    }

    private static Map<String, List<Member>> groupByFile(Collection<ReviewedFile> files,
                                                         Function<ReviewedFile, String> key) {
        Map<String, List<Member>> groups = new TreeMap<>();
        for (ReviewedFile file : files) {
            groups.computeIfAbsent(key.apply(file), k -> new ArrayList<>())
                    .add(new Member(file.jobName(), file.score(), file.accuracy()));
        }
        return groups;
    }

    private static Map<String, List<Member>> groupByLabel(Collection<ReviewedFile> files) {
        Map<String, List<Member>> groups = new TreeMap<>();
        for (ReviewedFile file : files) {
            if (file.byLabel() == null) {
                continue;
            }
            file.byLabel().forEach((label, accuracy) -> groups.computeIfAbsent(label, k -> new ArrayList<>())
                    .add(new Member(file.jobName(), file.score(), accuracy)));
        }
        return groups;
    }

    private static String keyOf(String value) {
        return value == null || value.isBlank() ? NONE : value;
    }

    private static void writeGroups(ObjectNode target, Map<String, List<Member>> groups) {
        groups.forEach((key, members) -> writeGroup(target.putObject(key), members));
    }

    private static void writeGroup(ObjectNode group, List<Member> members) {
        group.put("files", members.size());
        writeTotals(group, members);
        putRounded(group, "medianFileWer", median(members.stream().mapToDouble(m -> m.accuracy().wer()).toArray()));
        List<Member> scored = members.stream().filter(Member::scored)
                .sorted(Comparator.comparingDouble(Member::score).thenComparing(Member::jobName,
                        Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        putRounded(group, "scoreWerSpearman", spearman(
                scored.stream().mapToDouble(Member::score).toArray(),
                scored.stream().mapToDouble(m -> m.accuracy().wer()).toArray()));
        ArrayNode quintiles = group.putArray("werByScoreQuintile");
        List<List<Member>> slices = split(scored, Math.min(QUINTILES, scored.size()));
        for (int i = 0; i < slices.size(); i++) {
            List<Member> slice = slices.get(i);
            ObjectNode quintile = quintiles.addObject();
            quintile.put("quintile", i + 1);
            quintile.put("files", slice.size());
            quintile.put("minScore", round(slice.get(0).score()));
            quintile.put("maxScore", round(slice.get(slice.size() - 1).score()));
            writeTotals(quintile, slice);
        }
    }

    /** {@code referenceWords}, {@code errors} and the micro-averaged {@code wer}. */
    private static void writeTotals(ObjectNode target, List<Member> members) {
        long words = 0;
        long errors = 0;
        for (Member member : members) {
            words += member.accuracy().referenceWords();
            errors += member.accuracy().errors();
        }
        target.put("referenceWords", words);
        target.put("errors", errors);
        putRounded(target, "wer", microWer(words, errors));
    }

    static Double microWer(long words, long errors) {
        if (words == 0) {
            return errors == 0 ? 0d : null;
        }
        return (double) errors / words;
    }

    /** The mean of the two middle values for an even count; null for none. */
    static Double median(double[] values) {
        if (values.length == 0) {
            return null;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** Pearson correlation of the ranks (ties averaged); null below 3 pairs or when a side does not vary. */
    static Double spearman(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " and " + y.length);
        }
        if (x.length < MIN_FILES_FOR_CORRELATION) {
            return null;
        }
        return pearson(ranks(x), ranks(y));
    }

    /** 1-based ranks, tied values sharing the mean of the ranks they span. */
    static double[] ranks(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        int start = 0;
        while (start < order.length) {
            int end = start;
            while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double rank = (start + end) / 2d + 1;
            for (int i = start; i <= end; i++) {
                ranks[order[i]] = rank;
            }
            start = end + 1;
        }
        return ranks;
    }

    private static Double pearson(double[] x, double[] y) {
        double meanX = Arrays.stream(x).average().orElseThrow();
        double meanY = Arrays.stream(y).average().orElseThrow();
        double covariance = 0;
        double varianceX = 0;
        double varianceY = 0;
        for (int i = 0; i < x.length; i++) {
            double dx = x[i] - meanX;
            double dy = y[i] - meanY;
            covariance += dx * dy;
            varianceX += dx * dx;
            varianceY += dy * dy;
        }
        if (varianceX == 0 || varianceY == 0) {
            return null;
        }
        return covariance / Math.sqrt(varianceX * varianceY);
    }

    /** {@code parts} consecutive slices whose sizes differ by at most one, the larger ones first. */
    static <T> List<List<T>> split(List<T> items, int parts) {
        List<List<T>> slices = new ArrayList<>(parts);
        int base = parts == 0 ? 0 : items.size() / parts;
        int larger = parts == 0 ? 0 : items.size() % parts;
        int from = 0;
        for (int i = 0; i < parts; i++) {
            int to = from + base + (i < larger ? 1 : 0);
            slices.add(items.subList(from, to));
            from = to;
        }
        return slices;
    }

    private static void putRounded(ObjectNode target, String field, Double value) {
        if (value == null) {
            target.putNull(field);
        } else {
            target.put(field, round(value));
        }
    }

    static double round(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_EVEN).doubleValue();
    }
}
