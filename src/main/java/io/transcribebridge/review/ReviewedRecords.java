package io.transcribebridge.review;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliverable records ({@code reviewed/<job>.json}), each read once per ETag, for the two that read them all:
 * the reconciliation sweep (which annotation state a record holds, so unchanged ones are not settled again) and the
 * accuracy report and vocabulary (what a record says about the file).
 */
public class ReviewedRecords {

    /** What a record holds: its annotation state ({@code annotationId@annotationUpdatedAt}) and the file's figures. */
    public record Read(String state, ReviewedFile file) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReviewedRecords.class);

    private final ReviewStore store;
    private final ObjectMapper mapper;
    private final Map<String, Read> byEtag = new ConcurrentHashMap<>();

    public ReviewedRecords(ReviewStore store, ObjectMapper mapper) {
        this.store = store;
        this.mapper = mapper;
    }

    /** The record with this ETag, if it was read before (no request). */
    public Optional<Read> known(String etag) {
        return Optional.ofNullable(byEtag.get(etag));
    }

    /**
     * The listed records, reading those not read before (a GET each) and forgetting those no longer listed. A record
     * that is not JSON is left out, with a warning.
     */
    public synchronized List<Read> read(Map<String, ReviewStore.Listed> listed) {
        List<Read> records = new ArrayList<>();
        Set<String> etags = new HashSet<>();
        for (ReviewStore.Listed record : listed.values()) {
            etags.add(record.etag());
            Read read = byEtag.get(record.etag());
            if (read == null) {
                Optional<String> body = store.get(record.key());
                if (body.isEmpty()) {
                    continue;
                }
                try {
                    JsonNode json = mapper.readTree(body.get());
                    read = new Read(json.path("annotationId").asText() + "@"
                                    + json.path("annotationUpdatedAt").asText(), Deliverables.reviewedFile(json));
                } catch (IOException e) {
                    LOG.warn("Skipped s3://{}/{}: not JSON ({})", store.output().bucket(), record.key(),
                            e.getMessage());
                    continue;
                }
                byEtag.put(record.etag(), read);
            }
            records.add(read);
        }
        byEtag.keySet().retainAll(etags);
        return records;
    }
}
