package io.transcribebridge.labelstudio;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Finds where a transcript goes in a Label Studio labeling config ({@code label_config}, the XML: Label Studio's
 * {@code parsed_label_config} does not say whether a TextArea is {@code perRegion}).
 * <ul>
 * <li>an {@code <Audio>} tag ({@code <AudioPlus>} in older configs) reading a task variable ({@code value="$audio"});</li>
 * <li>a {@code <TextArea>} whose {@code toName} names it: without {@code perRegion} one text for the whole file,
 * with {@code perRegion="true"} one text per region, which then needs a {@code <Labels>} control on the same Audio
 * tag to create the regions with.</li>
 * </ul>
 * Tag and attribute names are matched case-insensitively, as Label Studio's editor does; the values of
 * {@code name}, {@code toName} and {@code value} are not. The configured names ({@link LabelOverrides}) narrow the
 * choice and must exist. Anything that leaves no place, or more than one, is a {@link LabelConfigException} that
 * says what to change. The XML is parsed without DTDs or external entities.
 */
public final class LabelConfigInspector {

    private static final Set<String> AUDIO_TAGS = Set.of("audio", "audioplus");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\w+");
    private static final String EXAMPLES = "config/labelstudio/";

    private record AudioTag(String name, String value) {
        boolean readsVariable() {
            return value != null && VARIABLE.matcher(value).matches();
        }

        String variable() {
            return value.substring(1);
        }
    }

    private record Control(String name, String tag, List<String> toName, boolean perRegion, String whenLabelValue,
                           List<String> labelValues) {
        boolean is(String type) {
            return tag.equalsIgnoreCase(type);
        }

        boolean on(String objectName) {
            return toName.contains(objectName);
        }
    }

    private record Candidate(AudioTag audio, Control textArea) {
        String describe() {
            return "TextArea '" + textArea.name() + "'" + (textArea.perRegion() ? " (perRegion)" : "") + " on Audio '"
                   + audio.name() + "'";
        }
    }

    private final String source;
    private final LabelOverrides overrides;
    private final List<AudioTag> audios = new ArrayList<>();
    private final List<Control> controls = new ArrayList<>();

    private LabelConfigInspector(String source, LabelOverrides overrides) {
        this.source = source;
        this.overrides = overrides;
    }

    /**
     * @param xml    the labeling config
     * @param source what the config is, for messages: e.g. "the labeling config of project 7"
     */
    public static TranscriptTarget inspect(String xml, LabelOverrides overrides, String source) {
        LabelConfigInspector inspector = new LabelConfigInspector(source, overrides);
        inspector.read(parse(xml, source));
        return inspector.choose();
    }

    private TranscriptTarget choose() {
        Candidate chosen = onlyCandidate(candidates(audioTags()));
        AudioTag audio = chosen.audio();
        Control textArea = chosen.textArea();
        TaskLayout layout = new TaskLayout(textArea.name(), audio.name(), audio.variable());
        Control labels = labelsOn(audio, textArea);
        if (!textArea.perRegion()) {
            return new TranscriptTarget(layout, false, null, List.of(), null);
        }
        return new TranscriptTarget(layout, true, labels.name(), labels.labelValues(), textArea.whenLabelValue());
    }

    // ---- Audio tags

    private List<AudioTag> audioTags() {
        if (audios.isEmpty()) {
            throw problem(capitalized(source) + " has no <Audio> tag, so there is no recording to attach a transcript "
                          + "to. Use a config with <Audio name=\"audio\" value=\"$audio\"/> and a <TextArea "
                          + "toName=\"audio\"/> (examples in " + EXAMPLES + ").");
        }
        List<AudioTag> chosen = audios;
        if (overrides.toName() != null) {
            chosen = filter(chosen, a -> a.name().equals(overrides.toName()));
            if (chosen.isEmpty()) {
                throw problem("LABEL_STUDIO_TO_NAME is '" + overrides.toName() + "' but " + source
                              + " has no Audio tag of that name (Audio tags: " + names(audios, AudioTag::name) + ")");
            }
        }
        List<AudioTag> usable = filter(chosen, AudioTag::readsVariable);
        if (usable.isEmpty()) {
            AudioTag audio = chosen.get(0);
            throw problem(capitalized(source) + " has <Audio name=\"" + audio.name() + "\" value=\""
                          + (audio.value() == null ? "" : audio.value()) + "\">, which does not read a task variable: "
                          + "each task brings its own recording, so the tag needs value=\"$audio\" (or another "
                          + "$variable).");
        }
        if (overrides.audioVariable() != null) {
            List<AudioTag> reading = filter(usable, a -> a.variable().equals(overrides.audioVariable()));
            if (reading.isEmpty()) {
                throw problem("LABEL_STUDIO_AUDIO_VARIABLE is '" + overrides.audioVariable() + "' but no Audio tag in "
                              + source + (overrides.toName() != null ? " named '" + overrides.toName() + "'" : "")
                              + " reads $" + overrides.audioVariable() + " ("
                              + usable.stream().map(a -> "'" + a.name() + "' reads " + a.value())
                                      .collect(Collectors.joining(", "))
                              + ")");
            }
            usable = reading;
        }
        return usable;
    }

    // ---- TextAreas

    private List<Candidate> candidates(List<AudioTag> audioTags) {
        List<Control> textAreas = filter(controls, c -> c.is("TextArea"));
        if (overrides.fromName() != null) {
            List<Control> named = filter(controls, c -> c.name().equals(overrides.fromName()));
            if (named.isEmpty()) {
                throw problem("LABEL_STUDIO_FROM_NAME is '" + overrides.fromName() + "' but " + source
                              + " has no TextArea of that name ("
                              + (textAreas.isEmpty() ? "it has no TextArea at all"
                                      : "TextAreas: " + names(textAreas, Control::name))
                              + ")");
            }
            Control control = named.get(0);
            if (!control.is("TextArea")) {
                throw problem("LABEL_STUDIO_FROM_NAME is '" + overrides.fromName() + "', which is a <" + control.tag()
                              + "> in " + source + ", not a <TextArea>");
            }
            textAreas = named;
        }
        List<Candidate> candidates = new ArrayList<>();
        for (AudioTag audio : audioTags) {
            for (Control textArea : textAreas) {
                if (textArea.on(audio.name())) {
                    candidates.add(new Candidate(audio, textArea));
                }
            }
        }
        if (candidates.isEmpty()) {
            throw noTextArea(audioTags, textAreas);
        }
        return candidates;
    }

    private LabelConfigException noTextArea(List<AudioTag> audioTags, List<Control> textAreas) {
        String audioNames = names(audioTags, AudioTag::name);
        if (overrides.fromName() != null) {
            return problem("LABEL_STUDIO_FROM_NAME is '" + overrides.fromName() + "' but that TextArea has toName=\""
                           + String.join(",", textAreas.get(0).toName()) + "\", not "
                           + (audioTags.size() == 1 ? "the Audio tag " : "one of the Audio tags ") + audioNames);
        }
        String example = audioTags.get(0).name();
        return problem(capitalized(source) + " has " + (audioTags.size() == 1 ? "<Audio name=\"" + example + "\">"
                : "the Audio tags " + audioNames) + " but no <TextArea> with toName=\"" + example + "\""
                       + (audioTags.size() == 1 ? "" : " (or another of them)")
                       + ", so there is nowhere to put a transcript. Add <TextArea name=\"transcription\" toName=\""
                       + example + "\"/> for one text per file, or use a per-segment config (examples in "
                       + EXAMPLES + ").");
    }

    private Candidate onlyCandidate(List<Candidate> candidates) {
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        throw problem(capitalized(source) + " has several places for a transcript: "
                      + candidates.stream().map(Candidate::describe).collect(Collectors.joining(", "))
                      + ". Choose one with LABEL_STUDIO_FROM_NAME (and LABEL_STUDIO_TO_NAME or "
                      + "LABEL_STUDIO_AUDIO_VARIABLE when the TextArea serves several Audio tags).");
    }

    // ---- Labels

    /** The Labels control of a per-region TextArea; for a whole-file one only the override is checked. */
    private Control labelsOn(AudioTag audio, Control textArea) {
        List<Control> labels = filter(controls, c -> c.is("Labels") && c.on(audio.name()));
        if (overrides.labelsName() != null) {
            List<Control> named = filter(labels, c -> c.name().equals(overrides.labelsName()));
            if (named.isEmpty()) {
                throw problem("LABEL_STUDIO_LABELS_NAME is '" + overrides.labelsName() + "' but " + source
                              + " has no <Labels> of that name on Audio '" + audio.name() + "' ("
                              + (labels.isEmpty() ? "there is none" : "Labels on it: " + names(labels, Control::name))
                              + ")");
            }
            labels = named;
        }
        if (!textArea.perRegion()) {
            return null;
        }
        if (labels.isEmpty()) {
            throw problem("TextArea '" + textArea.name() + "' in " + source + " is perRegion (one text per audio "
                          + "region), but there is no <Labels> control on Audio '" + audio.name() + "' to make the "
                          + "regions with. Add <Labels name=\"labels\" toName=\"" + audio.name()
                          + "\"><Label value=\"Speech\"/></Labels> (as in " + EXAMPLES + "segments.xml), or remove "
                          + "perRegion=\"true\" for one text per file.");
        }
        if (labels.size() > 1) {
            throw problem(capitalized(source) + " has several <Labels> controls on Audio '" + audio.name() + "': "
                          + names(labels, Control::name) + ". Choose the one for the transcript's segments with "
                          + "LABEL_STUDIO_LABELS_NAME.");
        }
        Control chosen = labels.get(0);
        if (chosen.labelValues().isEmpty()) {
            throw problem("<Labels> '" + chosen.name() + "' in " + source + " defines no <Label value=...>, so a "
                          + "region cannot be labelled. Add e.g. <Label value=\"Speech\"/>.");
        }
        return chosen;
    }

    // ---- reading the XML

    private void read(Element root) {
        for (Element element : elements(root)) {
            String name = attribute(element, "name");
            String toName = attribute(element, "toName");
            if (name != null && toName != null) {
                controls.add(new Control(name, element.getTagName(),
                        Arrays.stream(toName.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList(),
                        "true".equalsIgnoreCase(attribute(element, "perRegion")),
                        attribute(element, "whenLabelValue"), labelValues(element)));
            } else if (name != null && AUDIO_TAGS.contains(element.getTagName().toLowerCase(Locale.ROOT))) {
                String value = attribute(element, "value");
                audios.add(new AudioTag(name, value == null ? null : value.strip()));
            }
        }
    }

    private static List<String> labelValues(Element control) {
        List<String> values = new ArrayList<>();
        for (Element element : elements(control)) {
            if (element != control && element.getTagName().equalsIgnoreCase("Label")) {
                String alias = attribute(element, "alias");
                String value = alias != null ? alias : attribute(element, "value");
                if (value != null && !values.contains(value)) {
                    values.add(value);
                }
            }
        }
        return values;
    }

    /** The attribute, whatever the case of its name; {@code null} when absent or empty. */
    private static String attribute(Element element, String name) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node attribute = attributes.item(i);
            if (attribute.getNodeName().equalsIgnoreCase(name)) {
                String value = attribute.getNodeValue();
                return value == null || value.isBlank() ? null : value;
            }
        }
        return null;
    }

    private static List<Element> elements(Element root) {
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

    private static Element parse(String xml, String source) {
        if (xml == null || xml.isBlank()) {
            throw problem(capitalized(source) + " is empty. Set up the project's labeling interface (examples in "
                          + EXAMPLES + ").");
        }
        try {
            DocumentBuilder builder = safeFactory().newDocumentBuilder();
            builder.setErrorHandler(THROWING);
            return builder.parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (SAXException e) {
            throw problem(capitalized(source) + " is not well-formed XML: " + e.getMessage());
        } catch (ParserConfigurationException | IOException e) {
            throw new IllegalStateException("cannot parse XML", e);
        }
    }

    /** No DTDs, no external entities or schemas, no XInclude: the config comes from a server, not from us. */
    private static DocumentBuilderFactory safeFactory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        return factory;
    }

    /** The JDK parser's default handler prints to stderr before throwing; this only throws. */
    private static final ErrorHandler THROWING = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    // ---- helpers

    private static <T> List<T> filter(List<T> items, Predicate<T> condition) {
        return items.stream().filter(condition).toList();
    }

    private static <T> String names(List<T> items, java.util.function.Function<T, String> name) {
        return items.stream().map(item -> "'" + name.apply(item) + "'").collect(Collectors.joining(", "));
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static LabelConfigException problem(String message) {
        return new LabelConfigException(message);
    }
}
