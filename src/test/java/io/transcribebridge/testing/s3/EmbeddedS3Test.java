package io.transcribebridge.testing.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

class EmbeddedS3Test {

    private static EmbeddedS3 s3;

    @BeforeAll
    static void startServer() {
        s3 = EmbeddedS3.start();
    }

    @AfterAll
    static void stopServer() {
        s3.close();
    }

    @Test
    void endpointIsLoopbackWithRealPort() {
        assertThat(s3.endpoint().getScheme()).isEqualTo("http");
        assertThat(s3.endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(s3.endpoint().getPort()).isPositive();
    }

    @Test
    void awkwardKeysRoundTrip() {
        s3.createBucket("awkward-keys");
        List<String> keys = List.of(
                "interviews/Zürich 2024/Gespräch + notes 100%.wav",
                "plain/simple.wav",
                "a+b=c&d?e#f.wav",
                "percent/%20literal%2F.wav",
                "unicode/日本語 😀 ñ.mp3",
                "long/" + "k".repeat(895));
        assertThat(keys.get(keys.size() - 1)).hasSize(900);

        for (String key : keys) {
            s3.put("awkward-keys", key, "content of " + key);
        }

        assertThat(s3.keys("awkward-keys", "")).containsExactlyInAnyOrderElementsOf(keys);
        for (String key : keys) {
            assertThat(s3.getString("awkward-keys", key)).contains("content of " + key);
            assertThat(s3.etag("awkward-keys", key)).isNotBlank();
        }
        assertThat(s3.keys("awkward-keys", "interviews/Zürich 2024/"))
                .containsExactly("interviews/Zürich 2024/Gespräch + notes 100%.wav");
    }

    @Test
    void objectsPutDirectlyLookLikeObjectsPutOverS3() {
        s3.createBucket("put-directly");
        s3.put("put-directly", "over-s3.wav", "same content");
        s3.putDirectly("put-directly", "direct.wav", "same content".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(s3.keys("put-directly", "")).containsExactly("direct.wav", "over-s3.wav");
        assertThat(s3.getString("put-directly", "direct.wav")).contains("same content");
        assertThat(s3.etag("put-directly", "direct.wav")).isEqualTo(s3.etag("put-directly", "over-s3.wav"));
    }

    @Test
    void zeroByteObject() {
        s3.createBucket("zero-bytes");
        s3.put("zero-bytes", "empty.wav", new byte[0]);

        assertThat(s3.get("zero-bytes", "empty.wav")).hasValueSatisfying(bytes -> assertThat(bytes).isEmpty());
        assertThat(s3.etag("zero-bytes", "empty.wav")).isEqualTo("\"d41d8cd98f00b204e9800998ecf8427e\"");
    }

    @Test
    void missingObjectIsEmpty() {
        s3.createBucket("missing-objects");
        assertThat(s3.get("missing-objects", "nope")).isEmpty();
        assertThat(s3.getString("missing-objects", "nope")).isEmpty();
    }

    @Test
    void binaryBytesAreUnchanged() {
        s3.createBucket("binary");
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        s3.put("binary", "all-bytes.bin", bytes);
        assertThat(s3.get("binary", "all-bytes.bin")).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
    }

    @Test
    void keysFollowsPagination() {
        s3.createBucket("many-keys");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            String key = String.format("batch/item %02d+ü.txt", i);
            expected.add(key);
            s3.put("many-keys", key, "x");
        }
        s3.put("many-keys", "other/outside.txt", "y");

        assertThat(s3.keys("many-keys", "batch/", 5)).containsExactlyElementsOf(expected);
        assertThat(s3.keys("many-keys", null, 5)).hasSize(24);
        assertThat(s3.keys("many-keys", "batch/")).containsExactlyElementsOf(expected);
    }

    @Test
    void keysWithXmlIllegalCharactersCanBeListed() {
        s3.createBucket("control-chars");
        String key = "ctrl\u0001char.wav";
        s3.put("control-chars", key, "v");
        assertThat(s3.keys("control-chars", "")).containsExactly(key);
    }

    @Test
    void folderMarkerAndDotSegmentsAreOrdinaryKeys() {
        s3.createBucket("odd-shapes");
        List<String> keys = List.of("dir/", "dir/child.wav", "a//b.wav", "/leading.wav", "dots/../x.wav");
        keys.forEach(key -> s3.put("odd-shapes", key, "v:" + key));
        assertThat(s3.keys("odd-shapes", "")).containsExactlyInAnyOrderElementsOf(keys);
        keys.forEach(key -> assertThat(s3.getString("odd-shapes", key)).contains("v:" + key));
    }

    @Test
    void batchDeleteAndCopyWorkWithAwkwardKeys() {
        s3.createBucket("batch-ops");
        String key = "interviews/Zürich 2024/Gespräch + notes 100%.wav";
        s3.put("batch-ops", key, "v");

        s3.client().copyObject(b -> b.sourceBucket("batch-ops").sourceKey(key)
                .destinationBucket("batch-ops").destinationKey("copy/" + key));
        s3.client().deleteObjects(b -> b.bucket("batch-ops").delete(d -> d.objects(o -> o.key(key))));

        assertThat(s3.keys("batch-ops", "")).containsExactly("copy/" + key);
    }

    @Test
    void ifNoneMatchStarCreatesOnlyWhenTheKeyIsFree() {
        s3.createBucket("if-none-match");
        int conditionalBefore = s3.conditionalWrites();
        int failuresBefore = s3.preconditionFailures();

        PutObjectResponse created = s3.client().putObject(b -> b.bucket("if-none-match").key("claims/a.json")
                .ifNoneMatch("*"), RequestBody.fromString("first"));
        assertThat(created.eTag()).isEqualTo(s3.etag("if-none-match", "claims/a.json"));

        assertThatThrownBy(() -> s3.client().putObject(b -> b.bucket("if-none-match").key("claims/a.json")
                .ifNoneMatch("*"), RequestBody.fromString("second")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(412);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed");
                });
        assertThat(s3.getString("if-none-match", "claims/a.json")).contains("first");
        assertThat(s3.conditionalWrites() - conditionalBefore).isEqualTo(2);
        assertThat(s3.preconditionFailures() - failuresBefore).isEqualTo(1);
    }

    @Test
    void ifMatchReplacesOnlyTheVersionItNames() {
        s3.createBucket("if-match");
        s3.put("if-match", "claim.json", "owner A");
        String first = s3.etag("if-match", "claim.json");

        String second = s3.client().putObject(b -> b.bucket("if-match").key("claim.json").ifMatch(first),
                RequestBody.fromString("owner A, renewed")).eTag();
        assertThat(second).isNotEqualTo(first);

        assertThatThrownBy(() -> s3.client().putObject(b -> b.bucket("if-match").key("claim.json").ifMatch(first),
                RequestBody.fromString("owner B takes over a stale claim")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(412);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed");
                });
        assertThat(s3.getString("if-match", "claim.json")).contains("owner A, renewed");

        // ETags compare without their quotes
        String unquoted = second.replace("\"", "");
        s3.client().putObject(b -> b.bucket("if-match").key("claim.json").ifMatch(unquoted),
                RequestBody.fromString("owner A, renewed again"));
        assertThat(s3.getString("if-match", "claim.json")).contains("owner A, renewed again");
    }

    @Test
    void ifMatchOnAMissingKeyIsNoSuchKey() {
        s3.createBucket("if-match-missing");

        assertThatThrownBy(() -> s3.client().putObject(b -> b.bucket("if-match-missing").key("gone.json")
                .ifMatch("\"d41d8cd98f00b204e9800998ecf8427e\""), RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchKey");
                });
        assertThat(s3.get("if-match-missing", "gone.json")).isEmpty();
    }

    /** AWS accepts only '*' in If-None-Match on writes (aws/aws-sdk-ruby#3144): an ETag there is NotImplemented. */
    @Test
    void ifNoneMatchWithAnEtagIsNotImplemented() {
        s3.createBucket("if-none-match-etag");
        s3.put("if-none-match-etag", "k", "v");
        String etag = s3.etag("if-none-match-etag", "k");

        assertThatThrownBy(() -> s3.client().putObject(b -> b.bucket("if-none-match-etag").key("k").ifNoneMatch(etag),
                RequestBody.fromString("w")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(501);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
                });
        assertThat(s3.getString("if-none-match-etag", "k")).contains("v");
    }

    /** The error as AWS writes it, read over plain HTTP: S3's XML error document with the failed condition. */
    @Test
    void preconditionFailedIsS3sXmlError() throws Exception {
        s3.createBucket("raw-412");
        s3.put("raw-412", "k", "v");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(s3.endpoint() + "/raw-412/k"))
                .header("If-None-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofString("w")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(412);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/xml"));
        assertThat(response.body()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .contains("<Error><Code>PreconditionFailed</Code>")
                .contains("<Message>At least one of the pre-conditions you specified did not hold</Message>")
                .contains("<Condition>If-None-Match</Condition>")
                .containsPattern("<RequestId>[0-9A-F]{16}</RequestId>");
        assertThat(s3.getString("raw-412", "k")).contains("v");
    }

    @Test
    void eightRacingIfNoneMatchPutsHaveExactlyOneWinner() throws Exception {
        s3.createBucket("race");

        List<Integer> statuses = race(8, writer -> s3.client().putObject(b -> b.bucket("race")
                .key("claims/job.json").ifNoneMatch("*"), RequestBody.fromString("replica-" + writer)));

        assertThat(statuses).containsOnly(200, 412);
        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        assertThat(s3.getString("race", "claims/job.json")).contains("replica-" + statuses.indexOf(200));
    }

    @Test
    void eightRacingTakeoversOfOneVersionHaveExactlyOneWinner() throws Exception {
        s3.createBucket("takeover-race");
        s3.put("takeover-race", "claim.json", "stale");
        String stale = s3.etag("takeover-race", "claim.json");

        List<Integer> statuses = race(8, writer -> s3.client().putObject(b -> b.bucket("takeover-race")
                .key("claim.json").ifMatch(stale), RequestBody.fromString("taken over by " + writer)));

        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 412).hasSize(7);
        assertThat(s3.getString("takeover-race", "claim.json")).contains("taken over by " + statuses.indexOf(200));
    }

    /** Runs {@code writers} puts at once (released by one barrier); the HTTP status each got, by writer. */
    private static List<Integer> race(int writers, IntConsumer put) throws Exception {
        CyclicBarrier start = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Integer>> outcomes = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int writer = i;
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        put.accept(writer);
                        return 200;
                    } catch (S3Exception e) {
                        return e.statusCode();
                    }
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> outcome : outcomes) {
                statuses.add(outcome.get(30, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void completeMultipartUploadHonoursIfNoneMatch() {
        s3.createBucket("multipart-conditional");
        s3.put("multipart-conditional", "big.json", "already there");
        String uploadId = s3.client().createMultipartUpload(b -> b.bucket("multipart-conditional").key("big.json"))
                .uploadId();
        String part = s3.client().uploadPart(b -> b.bucket("multipart-conditional").key("big.json")
                .uploadId(uploadId).partNumber(1), RequestBody.fromString("new content")).eTag();

        assertThatThrownBy(() -> s3.client().completeMultipartUpload(b -> b.bucket("multipart-conditional")
                .key("big.json").uploadId(uploadId).ifNoneMatch("*")
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(part)))))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThat(s3.getString("multipart-conditional", "big.json")).contains("already there");

        String current = s3.etag("multipart-conditional", "big.json");
        s3.client().completeMultipartUpload(b -> b.bucket("multipart-conditional").key("big.json")
                .uploadId(uploadId).ifMatch(current).multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(part))));
        assertThat(s3.getString("multipart-conditional", "big.json")).contains("new content");
    }

    @Test
    void injectedConflictIsAws409ThenTheRetrySucceeds() {
        s3.createBucket("conflict");
        s3.failNextConditionalWrites(1);

        assertThatThrownBy(() -> s3.client().putObject(b -> b.bucket("conflict").key("k").ifNoneMatch("*"),
                RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ConditionalRequestConflict");
                });
        s3.client().putObject(b -> b.bucket("conflict").key("k").ifNoneMatch("*"), RequestBody.fromString("x"));
        assertThat(s3.getString("conflict", "k")).contains("x");
    }

    @Test
    void unconditionalWritesStillOverwrite() {
        s3.createBucket("plain-overwrite");
        s3.put("plain-overwrite", "k", "one");
        s3.put("plain-overwrite", "k", "two");
        assertThat(s3.getString("plain-overwrite", "k")).contains("two");
        assertThat(s3.enforcesConditionalWrites()).isTrue();
    }

    /** What S3Proxy 2.6.0 and older MinIO do: the conditions are ignored and the object is overwritten. */
    @Test
    void theIgnoringStoreOverwritesWhateverTheConditions() {
        try (EmbeddedS3 ignoring = EmbeddedS3.startIgnoringConditionalWrites()) {
            assertThat(ignoring.enforcesConditionalWrites()).isFalse();
            ignoring.createBucket("ignored");
            ignoring.client().putObject(b -> b.bucket("ignored").key("claim.json").ifNoneMatch("*"),
                    RequestBody.fromString("first"));
            ignoring.client().putObject(b -> b.bucket("ignored").key("claim.json").ifNoneMatch("*"),
                    RequestBody.fromString("second"));
            ignoring.client().putObject(b -> b.bucket("ignored").key("claim.json").ifMatch("\"not-the-etag\""),
                    RequestBody.fromString("third"));
            ignoring.client().putObject(b -> b.bucket("ignored").key("never-written.json").ifMatch("\"x\""),
                    RequestBody.fromString("created anyway"));

            assertThat(ignoring.getString("ignored", "claim.json")).contains("third");
            assertThat(ignoring.getString("ignored", "never-written.json")).contains("created anyway");
            assertThat(ignoring.conditionalWrites()).isEqualTo(4);
            assertThat(ignoring.preconditionFailures()).isZero();
        }
    }

    @Test
    void requestsByOthersCountsWhatOtherClientsSentByOperation() {
        s3.createBucket("counted");
        s3.put("counted", "own.wav", "sent by the emulator's own client, not counted");
        Map<String, Integer> before = s3.requestsByOthers();
        s3.put("counted", "own-too.wav", "x");
        s3.keys("counted", "");

        try (S3Client other = EmbeddedS3.newClient(s3.endpoint())) {
            other.putObject(b -> b.bucket("counted").key("k"), RequestBody.fromString("v"));
            other.getObjectAsBytes(b -> b.bucket("counted").key("k"));
            other.headObject(b -> b.bucket("counted").key("k"));
            other.listObjectsV2(b -> b.bucket("counted").prefix("k"));
            other.deleteObject(b -> b.bucket("counted").key("k"));
            other.deleteObjects(b -> b.bucket("counted").delete(d -> d.objects(o -> o.key("own.wav"))));
        }

        Map<String, Integer> counted = new TreeMap<>();
        s3.requestsByOthers().forEach((operation, count) -> {
            int added = count - before.getOrDefault(operation, 0);
            if (added > 0) {
                counted.put(operation, added);
            }
        });
        assertThat(counted).containsExactlyEntriesOf(
                new TreeMap<>(Map.of("DELETE", 2, "GET", 1, "HEAD", 1, "LIST", 1, "PUT", 1)));
    }

    /** The benchmark's listing for huge prefixes gives what S3Proxy gives, page by page, and leaves the rest to it. */
    @Test
    void indexedListingListsWhatS3ProxyLists() {
        try (EmbeddedS3 store = EmbeddedS3.start()) {
            store.createBucket("indexed");
            for (int i = 0; i < 23; i++) {
                store.put("indexed", String.format("done/job %02d+ü&<x>.json", i), "marker " + i);
            }
            store.putDirectly("indexed", "done/put-directly.json", "direct".getBytes(StandardCharsets.UTF_8));
            for (String key : List.of("calls/a.wav", "done", "done0/after-the-prefix.json", "z/last.wav")) {
                store.put("indexed", key, "v:" + key);
            }
            List<List<String>> s3proxy = new ArrayList<>();
            for (String[] listing : LISTINGS) {
                s3proxy.add(pages(store, listing[0], listing[1]));
            }

            store.indexedListing(true);
            for (int i = 0; i < LISTINGS.length; i++) {
                assertThat(pages(store, LISTINGS[i][0], LISTINGS[i][1]))
                        .as("prefix %s, start-after %s", LISTINGS[i][0], LISTINGS[i][1])
                        .containsExactlyElementsOf(s3proxy.get(i));
            }
            assertThat(s3proxy.get(0)).hasSize(5).allSatisfy(page -> assertThat(page).contains("\ndone/job"));
            // encoding-type=url and delimiters stay with S3Proxy
            assertThat(store.keys("indexed", "done/", 4)).hasSize(24);
            assertThat(store.client().listObjectsV2(b -> b.bucket("indexed").delimiter("/")).commonPrefixes())
                    .extracting(CommonPrefix::prefix).containsExactly("calls/", "done/", "done0/", "z/");
            assertThatThrownBy(() -> store.client().listObjectsV2(b -> b.bucket("no-such-bucket")))
                    .isInstanceOf(NoSuchBucketException.class);
            store.indexedListing(false);
            assertThat(pages(store, "done/", null)).containsExactlyElementsOf(s3proxy.get(0));
        }
    }

    /** Prefix and start-after of the listings compared: a prefix, none, start-after inside, before and past it. */
    private static final String[][] LISTINGS = {
        {"done/", null}, {"", null}, {"done/", "done/job 10"}, {"done/", "a"}, {"", "done/job 22"}, {"done/", "e"},
        {"nothing-here/", null},
    };

    /**
     * Each page of a paginated ListObjectsV2 (5 keys a page; one page with start-after, which S3Proxy refuses next
     * to a continuation token) as one line per object.
     */
    private static List<String> pages(EmbeddedS3 store, String prefix, String startAfter) {
        return store.client().listObjectsV2Paginator(b -> b.bucket("indexed").prefix(prefix).startAfter(startAfter)
                        .maxKeys(startAfter == null ? 5 : 1000)).stream()
                .map(page -> page.keyCount() + " " + page.isTruncated() + page.contents().stream()
                        .map(o -> "\n" + o.key() + " " + o.eTag() + " " + o.size() + " " + o.lastModified() + " "
                                + o.storageClassAsString())
                        .collect(Collectors.joining()))
                .toList();
    }
}
