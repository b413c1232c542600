package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * Annotation results shaped as the LS editor saves them, to pass to the emulator's annotation hooks. Region ids
 * are the editor's 10-character random ids unless given.
 */
public final class EditorResults {

    private EditorResults() {
    }

    /** A whole-file review: {@code [{"id", "from_name", "to_name", "type": "textarea", "origin": "manual", "value": {"text": [text]}}]}. */
    public static ArrayNode wholeFile(String fromName, String toName, String text) {
        ArrayNode result = Json.array();
        ObjectNode item = result.addObject();
        item.put("id", regionId());
        item.put("from_name", fromName);
        item.put("to_name", toName);
        item.put("type", "textarea");
        item.put("origin", "manual");
        item.putObject("value").putArray("text").add(text);
        return result;
    }

    /** {@link #wholeFile(String, String, String)} for the shipped whole-file config (transcription → audio). */
    public static ArrayNode wholeFile(String text) {
        return wholeFile("transcription", "audio", text);
    }

    /**
     * Appends one region to {@code result}: a {@code labels} item and a {@code textarea} item sharing {@code id},
     * both with {@code value.start/end/channel}; {@code origin} is {@code prediction}, {@code prediction-changed}
     * or {@code manual}.
     */
    public static ArrayNode addRegion(ArrayNode result, String id, String labelsFromName, String textFromName,
                                      String toName, double start, double end, int channel, String label,
                                      String text, String origin) {
        ObjectNode labels = regionItem(id, labelsFromName, toName, "labels", origin, start, end, channel);
        ((ObjectNode) labels.get("value")).putArray("labels").add(label);
        result.add(labels);
        ObjectNode textarea = regionItem(id, textFromName, toName, "textarea", origin, start, end, channel);
        ((ObjectNode) textarea.get("value")).putArray("text").add(text);
        result.add(textarea);
        return result;
    }

    public static ArrayNode empty() {
        return Json.array();
    }

    private static ObjectNode regionItem(String id, String fromName, String toName, String type, String origin,
                                         double start, double end, int channel) {
        ObjectNode item = Json.object();
        item.put("id", id);
        item.put("from_name", fromName);
        item.put("to_name", toName);
        item.put("type", type);
        item.put("origin", origin);
        ObjectNode value = item.putObject("value");
        value.put("start", start);
        value.put("end", end);
        value.put("channel", channel);
        return item;
    }

    static String regionId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
