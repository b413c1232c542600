package io.transcribebridge.transcript;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transcribebridge.labelstudio.TaskLayout;

/**
 * Writes segments as Label Studio audio regions: per segment a {@code labels} result (when the plan names a Labels
 * control) and a {@code textarea} result sharing one {@code id}, both with the same {@code start}/{@code end} in
 * seconds and, for channel-identified audio, {@code channel}.
 * <p>
 * {@code score} (mean word confidence) and {@code meta} (low-confidence words) go on both results: the editor builds
 * a region from the first result with a given id and reads them from that one only, so they must not depend on
 * which result comes first or on whether there is a labels result at all.
 */
final class RegionResults {

    static final String ID_PREFIX = "seg_";

    private final OutputPlan plan;
    private final RegionLabeler labeler;

    RegionResults(OutputPlan plan) {
        this.plan = plan;
        this.labeler = new RegionLabeler(plan);
    }

    void write(ArrayNode result, Transcript transcript, List<Segment> segments) {
        List<TranscriptItem> items = transcript.items();
        TaskLayout layout = plan.layout();
        int idDigits = Math.max(3, Integer.toString(segments.size() - 1).length());
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            String id = regionId(i, idDigits);
            Integer channel = transcript.hasChannels() ? transcript.channelIndex(segment.channelLabel()) : null;
            ConfidenceScore confidence = ConfidenceScore.of(items, segment.fromItem(), segment.toItem(),
                    plan.scoring().lowConfidence());
            Optional<String> label = plan.labelsName() == null ? Optional.empty() : labeler.label(segment);
            if (label.isPresent()) {
                region(result, id, plan.labelsName(), "labels", segment, channel, confidence)
                        .putArray("labels").add(label.get());
            }
            region(result, id, layout.fromName(), "textarea", segment, channel, confidence)
                    .putArray("text").add(ItemText.join(items, segment.fromItem(), segment.toItem()));
        }
    }

    /** Adds one result and returns its {@code value}, for the caller to add the labels or the text. */
    private ObjectNode region(ArrayNode result, String id, String fromName, String type, Segment segment,
                              Integer channel, ConfidenceScore confidence) {
        ObjectNode region = result.addObject();
        region.put("id", id);
        region.put("from_name", fromName);
        region.put("to_name", plan.layout().toName());
        region.put("type", type);
        region.put("origin", "prediction");
        ObjectNode value = region.putObject("value");
        value.put("start", Numbers.seconds(segment.start()));
        value.put("end", Numbers.seconds(segment.end()));
        if (channel != null) {
            value.put("channel", channel);
        }
        confidence.mean().ifPresent(mean -> region.put("score", Numbers.score(mean)));
        if (!confidence.lowConfidence().isEmpty()) {
            region.putObject("meta").putArray("text").add(describeLowConfidence(confidence.lowConfidence()));
        }
        return value;
    }

    /** {@code low confidence: word (0.42), other (0.31)}: shown by the editor as the region's meta text. */
    static String describeLowConfidence(List<TranscriptItem> words) {
        StringBuilder text = new StringBuilder("low confidence: ");
        for (int i = 0; i < words.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            TranscriptItem word = words.get(i);
            text.append(word.content()).append(" (")
                    .append(BigDecimal.valueOf(Numbers.score(word.confidence())).stripTrailingZeros().toPlainString())
                    .append(')');
        }
        return text.toString();
    }

    /** {@code seg_007}: zero-padded so that ids sort like the regions. */
    static String regionId(int index, int digits) {
        String number = Integer.toString(index);
        StringBuilder id = new StringBuilder(ID_PREFIX.length() + digits).append(ID_PREFIX);
        for (int pad = number.length(); pad < digits; pad++) {
            id.append('0');
        }
        return id.append(number).toString();
    }
}
