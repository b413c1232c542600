package io.transcribebridge.review;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transcribebridge.progress.OutputLayout;

/**
 * Keeps {@code reports/accuracy.json} and the proposed vocabularies ({@code vocabulary/<language>.txt|.json}) in step
 * with the reviewed files: refreshed a short while after reviews were settled ({@code REVIEW_REPORT_INTERVAL_MS}) and
 * after every reconciliation sweep. Reads only records whose ETag was not read before ({@link ReviewedRecords}). With
 * {@code REVIEW_VOCABULARY_APPLY=true} a changed proposal for the service's language is handed to the
 * {@link VocabularyApplier}.
 */
public class ReviewReports {

    /** Creates or updates the Transcribe custom vocabulary from a proposal file. */
    @FunctionalInterface
    public interface VocabularyApplier {
        void apply(String language, String vocabularyFileUri) throws Exception;
    }

    /** What a refresh wrote, for the tests and the log. */
    public record Refreshed(int files, List<String> vocabularies, boolean applied) {
    }

    private final ReviewStore store;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final ReviewSettings settings;
    private final String serviceLanguage;
    private final VocabularyApplier applier;
    private final ReviewedRecords records;
    private final AtomicBoolean changed = new AtomicBoolean(true);
    private final Map<String, String> written = new HashMap<>();
    private final Map<String, String> appliedTables = new HashMap<>();

    public ReviewReports(ReviewStore store, ReviewedRecords records, ObjectMapper mapper, Clock clock,
                         ReviewSettings settings, String serviceLanguage, VocabularyApplier applier) {
        this.store = store;
        this.records = records;
        this.mapper = mapper;
        this.clock = clock;
        this.settings = settings;
        this.serviceLanguage = serviceLanguage;
        this.applier = applier;
    }

    /** A review was settled: refresh at the next turn. */
    public void changed() {
        changed.set(true);
    }

    public Optional<Refreshed> refreshIfChanged() throws Exception {
        return changed.getAndSet(false) ? Optional.of(refresh()) : Optional.empty();
    }

    public synchronized Refreshed refresh() throws Exception {
        OutputLayout output = store.output();
        List<ReviewedFile> files = records.read(store.deliverables()).stream().map(ReviewedRecords.Read::file)
                .toList();

        ObjectNode report = AccuracyReport.build(mapper, files, clock.instant());
        store.put(output.accuracyReportKey(), pretty(report), "application/json");
        List<String> languages = new ArrayList<>();
        boolean applied = false;
        for (VocabularyProposal.Proposal proposal : VocabularyProposal.propose(mapper, files, settings.vocabularyMinFiles(),
                TextNormalizer::displayWords).values()) {
            String language = proposal.language();
            String txtKey = output.vocabularyKey(language, ".txt");
            store.put(output.vocabularyKey(language, ".json"), pretty(proposal.evidence()), "application/json");
            boolean same = proposal.table().equals(written.get(txtKey))
                           || proposal.table().equals(store.get(txtKey).orElse(null));
            if (!same) {
                store.put(txtKey, proposal.table(), "text/plain; charset=utf-8");
            }
            written.put(txtKey, proposal.table());
            languages.add(language);
            // applied once per start and change: after a failure, the next refresh tries again
            if (settings.vocabularyApply() && language.equals(serviceLanguage) && !proposal.entries().isEmpty()
                && !proposal.table().equals(appliedTables.get(language))) {
                applier.apply(language, "s3://" + output.bucket() + "/" + txtKey);
                appliedTables.put(language, proposal.table());
                applied = true;
            }
        }
        return new Refreshed(files.size(), languages, applied);
    }

    private String pretty(Object json) throws IOException {
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
    }
}
