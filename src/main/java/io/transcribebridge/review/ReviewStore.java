package io.transcribebridge.review;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.transcribebridge.claims.ConditionalStore;
import io.transcribebridge.progress.OutputLayout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/** The review loop's objects in the output bucket (see {@link OutputLayout}). */
public class ReviewStore {

    /** A deliverable record's key and ETag, as listed, and whether its text and both captions were listed too. */
    public record Listed(String jobName, String key, String etag, boolean complete) {
    }

    private final S3Client s3;
    private final OutputLayout output;
    private final ConditionalStore conditional;

    public ReviewStore(S3Client s3, OutputLayout output) {
        this.s3 = s3;
        this.output = output;
        this.conditional = new ConditionalStore(s3, output.bucket());
    }

    public OutputLayout output() {
        return output;
    }

    public ConditionalStore conditional() {
        return conditional;
    }

    public void put(String key, String body, String contentType) {
        s3.putObject(request -> request.bucket(output.bucket()).key(key).contentType(contentType),
                RequestBody.fromString(body, StandardCharsets.UTF_8));
    }

    public Optional<String> get(String key) {
        return conditional.read(key).map(ConditionalStore.Stored::body);
    }

    public Optional<byte[]> bytes(String key) {
        return ConditionalStore.ifExists(() -> s3.getObjectAsBytes(request -> request.bucket(output.bucket()).key(key))
                .asByteArray());
    }

    /** The ETag of {@code key}, or empty when it does not exist. */
    public Optional<String> etag(String key) {
        return conditional.etag(key);
    }

    public void delete(String key) {
        conditional.delete(key);
    }

    /** The deliverable records ({@code reviewed/<job>.json}) by job name. */
    public Map<String, Listed> deliverables() {
        Map<String, Listed> listed = new LinkedHashMap<>();
        Map<String, Integer> companions = new HashMap<>();
        String prefix = output.reviewedPrefix();
        s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(output.bucket()).prefix(prefix).build())
                .contents().forEach(object -> {
                    String name = object.key().substring(prefix.length());
                    int dot = name.lastIndexOf('.');
                    if (name.contains("/") || dot < 0) {
                        return;
                    }
                    String job = name.substring(0, dot);
                    String extension = name.substring(dot);
                    if (extension.equals(".json")) {
                        listed.put(job, new Listed(job, object.key(), object.eTag(), false));
                    } else if (ReviewSettler.COMPANIONS.contains(extension)) {
                        companions.merge(job, 1, Integer::sum);
                    }
                });
        listed.replaceAll((job, record) -> new Listed(job, record.key(), record.etag(),
                companions.getOrDefault(job, 0) == ReviewSettler.COMPANIONS.size()));
        return listed;
    }
}
