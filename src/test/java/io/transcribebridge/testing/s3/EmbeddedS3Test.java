package io.transcribebridge.testing.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
}
