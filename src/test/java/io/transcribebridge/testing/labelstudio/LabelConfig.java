package io.transcribebridge.testing.labelstudio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A parsed labeling config, following the SDK's {@code parse_config} (controls, inputs, labels) and LS's
 * {@code extract_data_types} (which task data keys the object tags need).
 */
final class LabelConfig {

    /** An object tag such as {@code <Audio name="audio" value="$audio"/>}; {@code value} has no "$". */
    record ObjectTag(String name, String tag, String value, String valueType) {
    }

    /** A control tag; {@code labels} maps each Label/Choice value (or alias) to its attributes. */
    record ControlTag(String name, String tag, List<String> toName, Map<String, String> attributes,
                      Map<String, Map<String, String>> labels) {

        String type() {
            return tag.toLowerCase(Locale.ROOT);
        }

        List<String> labelValues() {
            return List.copyOf(labels.keySet());
        }

        boolean perRegion() {
            return "true".equals(attributes.get("perRegion"));
        }
    }

    private static final Set<String> LABEL_TAGS = Set.of("Label", "Choice", "Relation");
    private static final Set<String> NOT_CONTROL_TAGS = Set.of("Filter");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\w+");

    private final String xml;
    private final Map<String, ControlTag> controls;
    private final Map<String, ObjectTag> objects;
    private final Map<String, String> dataTypes;

    private LabelConfig(String xml, Map<String, ControlTag> controls, Map<String, ObjectTag> objects,
                        Map<String, String> dataTypes) {
        this.xml = xml;
        this.controls = Collections.unmodifiableMap(controls);
        this.objects = Collections.unmodifiableMap(objects);
        this.dataTypes = Collections.unmodifiableMap(dataTypes);
    }

    static LabelConfig parse(String xml) {
        Element root = parseXml(xml);
        Map<String, Element> controlElements = new LinkedHashMap<>();
        Map<String, Map<String, Map<String, String>>> labelsByControl = new LinkedHashMap<>();
        Map<String, ObjectTag> objects = new LinkedHashMap<>();
        Map<String, String> dataTypes = new LinkedHashMap<>();
        for (Element element : elementsInDocumentOrder(root)) {
            String name = element.getAttribute("name");
            String value = element.getAttribute("value");
            String tag = element.getTagName();
            if (!name.isEmpty() && !element.getAttribute("toName").isEmpty() && !NOT_CONTROL_TAGS.contains(tag)) {
                controlElements.put(name, element);
                labelsByControl.put(name, new LinkedHashMap<>());
            } else if (!name.isEmpty() && !value.isEmpty()) {
                String valueType = element.hasAttribute("valueType") ? element.getAttribute("valueType") : null;
                objects.put(name, new ObjectTag(name, tag, stripDollars(value), valueType));
            }
            if (!name.isEmpty() && !value.isEmpty()) {
                dataKey(value).filter(key -> !"Video".equals(dataTypes.get(key)))
                        .ifPresent(key -> dataTypes.put(key, tag));
            }
            if (LABEL_TAGS.contains(tag)) {
                String alias = element.getAttribute("alias");
                String labelValue = alias.isEmpty() ? value : alias;
                parentControlName(element, controlElements).filter(parent -> !labelValue.isEmpty())
                        .ifPresent(parent -> labelsByControl.get(parent).put(labelValue, attributes(element)));
            }
        }
        Map<String, ControlTag> controls = new LinkedHashMap<>();
        controlElements.forEach((name, element) -> controls.put(name, new ControlTag(name, element.getTagName(),
                List.of(element.getAttribute("toName").split(",")), attributes(element),
                Collections.unmodifiableMap(labelsByControl.get(name)))));
        return new LabelConfig(xml, controls, objects, dataTypes);
    }

    String xml() {
        return xml;
    }

    Map<String, ControlTag> controls() {
        return controls;
    }

    Map<String, ObjectTag> objects() {
        return objects;
    }

    /** Data key to object tag type, e.g. {@code audio -> Audio}; what TaskValidator checks task data against. */
    Map<String, String> dataTypes() {
        return dataTypes;
    }

    /** The SDK's {@code parse_config} output, as served in {@code parsed_label_config}. */
    ObjectNode parsedLabelConfig() {
        ObjectNode parsed = Json.object();
        for (ControlTag control : controls.values()) {
            ObjectNode info = parsed.putObject(control.name());
            info.put("type", control.tag());
            ArrayNode toName = info.putArray("to_name");
            control.toName().forEach(toName::add);
            conditionals(control).ifPresent(c -> info.set("conditionals", c));
            ArrayNode inputs = info.putArray("inputs");
            for (String objectName : control.toName()) {
                ObjectTag object = objects.get(objectName);
                if (object != null) {
                    ObjectNode input = inputs.addObject();
                    input.put("type", object.tag());
                    input.put("valueType", object.valueType());
                    input.put("value", object.value());
                }
            }
            ArrayNode labels = info.putArray("labels");
            ObjectNode labelsAttrs = info.putObject("labels_attrs");
            control.labels().forEach((label, attrs) -> {
                labels.add(label);
                ObjectNode attrNode = labelsAttrs.putObject(label);
                attrs.forEach(attrNode::put);
            });
        }
        return parsed;
    }

    private static Optional<ObjectNode> conditionals(ControlTag control) {
        if (!control.perRegion()) {
            return Optional.empty();
        }
        Map<String, String> a = control.attributes();
        ObjectNode c = Json.object();
        if (a.containsKey("whenTagName")) {
            c.put("type", "tag").put("name", a.get("whenTagName"));
        } else if (a.containsKey("whenLabelValue")) {
            c.put("type", "label").put("name", a.get("whenLabelValue"));
        } else if (a.containsKey("whenChoiceValue")) {
            c.put("type", "choice").put("name", a.get("whenChoiceValue"));
        } else {
            return Optional.empty();
        }
        return Optional.of(c);
    }

    /** {@code "$audio"} gives {@code audio}; {@code "Title: $title"} gives the first variable, {@code title}. */
    private static Optional<String> dataKey(String value) {
        if (value.length() > 1 && value.charAt(0) == '$') {
            return Optional.of(value.substring(1));
        }
        Matcher matcher = VARIABLE.matcher(value);
        return matcher.find() ? Optional.of(matcher.group().substring(1)) : Optional.empty();
    }

    private static String stripDollars(String value) {
        int i = 0;
        while (i < value.length() && value.charAt(i) == '$') {
            i++;
        }
        return value.substring(i);
    }

    private static Optional<String> parentControlName(Element element, Map<String, Element> controls) {
        for (Node parent = element.getParentNode(); parent instanceof Element p; parent = p.getParentNode()) {
            if (controls.containsKey(p.getAttribute("name"))) {
                return Optional.of(p.getAttribute("name"));
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> attributes(Element element) {
        Map<String, String> attributes = new LinkedHashMap<>();
        NamedNodeMap map = element.getAttributes();
        for (int i = 0; i < map.getLength(); i++) {
            attributes.put(map.item(i).getNodeName(), map.item(i).getNodeValue());
        }
        return Collections.unmodifiableMap(attributes);
    }

    private static List<Element> elementsInDocumentOrder(Element root) {
        List<Element> result = new ArrayList<>();
        collect(root, result);
        return result;
    }

    private static void collect(Element element, List<Element> result) {
        result.add(element);
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                collect(e, result);
            }
        }
    }

    private static Element parseXml(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("label config is not well-formed XML: " + e.getMessage(), e);
        }
    }
}
