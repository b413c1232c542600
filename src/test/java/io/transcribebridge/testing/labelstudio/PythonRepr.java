package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Formats JSON values the way Python prints the equivalent objects, because Label Studio's error messages
 * embed {@code str(dict)} / {@code repr(...)} of the offending data.
 */
final class PythonRepr {

    private PythonRepr() {
    }

    /** {@code repr(value)}: strings quoted. */
    static String repr(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "None";
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? "True" : "False";
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (node.isNumber()) {
            return floatRepr(node.doubleValue());
        }
        if (node.isTextual()) {
            return quote(node.textValue());
        }
        if (node.isArray()) {
            StringJoiner joiner = new StringJoiner(", ", "[", "]");
            node.forEach(item -> joiner.add(repr(item)));
            return joiner.toString();
        }
        StringJoiner joiner = new StringJoiner(", ", "{", "}");
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            joiner.add(quote(field.getKey()) + ": " + repr(field.getValue()));
        }
        return joiner.toString();
    }

    /** {@code str(value)}, i.e. what an f-string prints: strings bare, everything else as repr. */
    static String str(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : repr(node);
    }

    /** Python's type name, as in {@code type(x).__name__}. */
    static String typeName(JsonNode node) {
        if (node == null || node.isNull()) {
            return "NoneType";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        if (node.isIntegralNumber()) {
            return "int";
        }
        if (node.isNumber()) {
            return "float";
        }
        if (node.isTextual()) {
            return "str";
        }
        return node.isArray() ? "list" : "dict";
    }

    static String floatRepr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e16) {
            return (long) value + ".0";
        }
        String java = Double.toString(value);
        int e = java.indexOf('E');
        if (e < 0) {
            return java;
        }
        String mantissa = java.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        int exponent = Integer.parseInt(java.substring(e + 1));
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }

    static String quote(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(quote);
        for (char c : s.toCharArray()) {
            if (c == quote || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(quote).toString();
    }
}
