package io.transcribebridge.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.transcribebridge.labelstudio.LabelConfigException;
import io.transcribebridge.labelstudio.LabelConfigInspector;
import io.transcribebridge.labelstudio.LabelStudioAuthException;
import io.transcribebridge.labelstudio.LabelStudioProjects;
import io.transcribebridge.labelstudio.LabelStudioProjects.Project;
import io.transcribebridge.labelstudio.LabelStudioProjects.ProjectNotUsableException;
import io.transcribebridge.labelstudio.TaskLayout;
import io.transcribebridge.labelstudio.TranscriptTarget;
import io.transcribebridge.transcribe.TranscribeFeatures;
import io.transcribebridge.transcript.OutputPlan;

/**
 * At start-up: reads the Label Studio project, finds where transcripts go in its labeling config and decides the
 * {@link OutputPlan}. Label Studio unreachable (or answering 5xx/429) is retried with the configured backoff; a
 * refused key, a missing project and a config that cannot hold a transcript stop the service with a
 * {@link ConfigurationException} that says what to change.
 */
public final class ProjectIntrospection {

    private static final Pattern TRANSCRIBE_LABEL = Pattern.compile("(spk|ch)_\\d+");
    private static final String SPEAKER_PREFIX = "spk_";
    private static final String CHANNEL_PREFIX = "ch_";
    /** Transcribe's channel identification: one transcript per channel of a two-channel recording. */
    private static final int CHANNELS = 2;

    /** How the start-up waits between attempts; tests pass one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** The plan, what is worth a warning about it, and the one line that describes it. */
    public record Planned(OutputPlan plan, List<String> warnings, String summary) {
    }

    private ProjectIntrospection() {
    }

    static Project fetch(BridgeSettings settings, LabelStudioProjects projects, Sleeper sleeper) {
        return fetch(settings, projects, StartupWait.of(settings, sleeper));
    }

    /** Reads the project, waiting while Label Studio is unreachable or answers 5xx/429 (as {@code wait} says). */
    public static Project fetch(BridgeSettings settings, LabelStudioProjects projects, StartupWait wait) {
        int projectId = settings.labelStudioProjectId();
        try {
            return wait.call("Cannot read Label Studio project " + projectId + " yet",
                    () -> projects.project(projectId));
        } catch (LabelStudioAuthException | ProjectNotUsableException e) {
            throw new ConfigurationException(List.of(e.getMessage()));
        } catch (StartupWait.GaveUp e) {
            throw new ConfigurationException(List.of("Cannot read Label Studio project " + projectId + " ("
                    + projects.projectUri(projectId) + ") " + e.afterAttempts() + ": " + e.getMessage()
                    + ". Check LABEL_STUDIO_URL and that Label Studio is up."));
        }
    }

    /** The plan for a project's labeling config and the settings; throws {@link ConfigurationException}. */
    public static Planned plan(BridgeSettings settings, Project project) {
        String what = "the labeling config of Label Studio project " + project.id()
                      + (project.title().isBlank() ? "" : " ('" + project.title() + "')");
        TranscriptTarget target;
        try {
            target = LabelConfigInspector.inspect(project.labelConfig(), settings.labelOverrides(), what);
        } catch (LabelConfigException e) {
            throw new ConfigurationException(List.of(e.getMessage()));
        }
        List<String> warnings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        OutputPlan plan = target.perRegion() ? segments(settings, target, warnings, problems)
                : wholeFile(settings, target, warnings);
        modelVersionWarning(settings, project).ifPresent(warnings::add);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return new Planned(plan, List.copyOf(warnings), summary(project, plan, settings));
    }

    /**
     * A warning when the project's model version is not the predictions' one: predictions show in the labeling
     * stream only when the two match. None while the project has no model version yet (Label Studio then takes the
     * first imported prediction's).
     */
    public static Optional<String> modelVersionWarning(BridgeSettings settings, Project project) {
        String projectVersion = project.modelVersion();
        if (projectVersion == null || projectVersion.isBlank() || projectVersion.equals(settings.modelVersion())) {
            return Optional.empty();
        }
        return Optional.of("Label Studio project " + project.id() + " has model version '" + projectVersion
                           + "' but the predictions are imported as '" + settings.modelVersion()
                           + "' (LABEL_STUDIO_MODEL_VERSION): Label Studio pre-labels the labeling stream only with "
                           + "predictions of the project's model version. Set LABEL_STUDIO_MODEL_VERSION="
                           + projectVersion + ", or pick '" + settings.modelVersion() + "' as the project's model "
                           + "version once its predictions exist.");
    }

    private static OutputPlan wholeFile(BridgeSettings settings, TranscriptTarget target, List<String> warnings) {
        if (!settings.speakerLabels().isEmpty()) {
            warnings.add("LABEL_STUDIO_SPEAKER_LABELS is not used: TextArea '" + target.layout().fromName()
                         + "' holds one text per file, and speakers become Label values only with a perRegion "
                         + "TextArea and a Labels control (see config/labelstudio/segments-speakers.xml)");
        }
        if (settings.labelOverrides().labelsName() != null) {
            warnings.add("LABEL_STUDIO_LABELS_NAME is not used: TextArea '" + target.layout().fromName()
                         + "' is not perRegion, so transcripts are whole-file texts without regions");
        }
        return new OutputPlan(OutputPlan.Mode.WHOLE_FILE, target.layout(), null, List.of(), Map.of(), null,
                settings.scoring(), settings.segmentation());
    }

    private static OutputPlan segments(BridgeSettings settings, TranscriptTarget target, List<String> warnings,
                                       List<String> problems) {
        List<String> values = target.labelValues();
        String allowed = values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "));
        // Label values that are Transcribe's own labels (spk_0, ch_1) need no mapping
        Map<String, String> speakers = new LinkedHashMap<>();
        values.stream().filter(v -> TRANSCRIBE_LABEL.matcher(v).matches()).forEach(v -> speakers.put(v, v));
        settings.speakerLabels().forEach((label, value) -> {
            if (values.contains(value)) {
                speakers.put(label, value);
            } else {
                problems.add("LABEL_STUDIO_SPEAKER_LABELS maps " + label + " to '" + value + "', which is not a Label "
                             + "of '" + target.labelsName() + "' (" + allowed + ")");
            }
        });
        TranscribeFeatures features = settings.transcribeFeatures();
        List<String> unlabelled = settings.speakerLabels().keySet().stream()
                .filter(label -> label.startsWith("spk_") ? !features.speakerLabels()
                        : !features.channelIdentification())
                .toList();
        if (!unlabelled.isEmpty()) {
            warnings.add("LABEL_STUDIO_SPEAKER_LABELS maps " + String.join(", ", unlabelled) + ", but transcripts "
                         + "will carry no such labels: set TRANSCRIBE_SPEAKER_LABELS_MAX (spk_*) or "
                         + "TRANSCRIBE_CHANNEL_IDENTIFICATION=true (ch_*)");
        }
        String defaultLabel = settings.defaultLabel();
        if (!values.contains(defaultLabel)) {
            warnings.add("LABEL_STUDIO_DEFAULT_LABEL '" + defaultLabel + "' is not a Label of '" + target.labelsName()
                         + "' (" + allowed + "): segments without a mapped speaker are labelled '" + values.get(0)
                         + "'");
            defaultLabel = values.get(0);
        }
        channelLabels(settings, target, defaultLabel, speakers, warnings);
        speakerLabelsWarning(settings, target, defaultLabel, speakers).ifPresent(warnings::add);
        String when = target.whenLabelValue();
        if (when != null && (!when.equals(defaultLabel) || speakers.values().stream().anyMatch(v -> !v.equals(when)))) {
            warnings.add("TextArea '" + target.layout().fromName() + "' shows its text only on regions labelled '"
                         + when + "' (whenLabelValue): regions with another label will hide their transcript");
        }
        return new OutputPlan(OutputPlan.Mode.SEGMENTS, target.layout(), target.labelsName(), values, speakers,
                defaultLabel, settings.scoring(), settings.segmentation());
    }

    /**
     * With channel identification, and neither LABEL_STUDIO_SPEAKER_LABELS for a channel nor a Label named after one
     * ({@code ch_0}): ch_0 gets the project's first Label, ch_1 the second, in the config's order, leaving out the
     * configured default label (a project's {@code Other}). A recording's channels are wired the same way every time
     * (one party per channel), so the order is the operator's to choose in the config. With fewer such Labels than
     * channels no channel is mapped, and a warning says that every region gets the default label: half a mapping
     * would give one channel a label (say {@code Noise}) that means nothing about who speaks.
     */
    private static void channelLabels(BridgeSettings settings, TranscriptTarget target, String defaultLabel,
                                      Map<String, String> speakers, List<String> warnings) {
        if (!settings.transcribeFeatures().channelIdentification()
            || speakers.keySet().stream().anyMatch(label -> label.startsWith(CHANNEL_PREFIX))) {
            return;
        }
        List<String> values = target.labelValues();
        List<String> candidates = values.stream()
                .filter(value -> !value.equals(settings.defaultLabel()))
                .toList();
        if (candidates.size() < CHANNELS) {
            warnings.add("TRANSCRIBE_CHANNEL_IDENTIFICATION is on, but Labels '" + target.labelsName() + "' ("
                         + quoted(values) + ") " + (candidates.isEmpty() ? "has no Label"
                                 : "has only " + quoted(candidates)) + " besides the default label to tell the "
                         + CHANNELS + " channels apart: every region is labelled '" + defaultLabel + "' (its channel "
                         + "is still in value.channel). Add a Label per channel (the first for ch_0, the second for "
                         + "ch_1), or set LABEL_STUDIO_SPEAKER_LABELS=ch_0=...,ch_1=...");
            return;
        }
        for (int channel = 0; channel < CHANNELS; channel++) {
            speakers.put(CHANNEL_PREFIX + channel, candidates.get(channel));
        }
    }

    /**
     * With speaker labels (diarization) and no {@code spk_*} mapped onto a Label, every region gets the default
     * label. Speakers are not mapped in label order as channels are: Transcribe numbers them in the order they first
     * speak, which says nothing about who they are.
     */
    private static Optional<String> speakerLabelsWarning(BridgeSettings settings, TranscriptTarget target,
                                                         String defaultLabel, Map<String, String> speakers) {
        if (!settings.transcribeFeatures().speakerLabels()
            || speakers.keySet().stream().anyMatch(label -> label.startsWith(SPEAKER_PREFIX))) {
            return Optional.empty();
        }
        return Optional.of("TRANSCRIBE_SPEAKER_LABELS_MAX is set, but no speaker label (spk_0, spk_1, ...) maps onto "
                           + "a Label of '" + target.labelsName() + "' (" + quoted(target.labelValues()) + "): every "
                           + "region is labelled '" + defaultLabel + "'. Set LABEL_STUDIO_SPEAKER_LABELS, e.g. "
                           + "spk_0=...,spk_1=... (spk_0 is whoever speaks first), or name Labels spk_0, spk_1");
    }

    /** Whether {@link #channelLabels} mapped the channels (rather than the settings or Labels named ch_0, ch_1). */
    private static boolean channelsInLabelOrder(BridgeSettings settings, OutputPlan plan) {
        String first = plan.speakerLabels().get(CHANNEL_PREFIX + 0);
        return settings.transcribeFeatures().channelIdentification() && first != null
               && !first.startsWith(CHANNEL_PREFIX)
               && settings.speakerLabels().keySet().stream().noneMatch(label -> label.startsWith(CHANNEL_PREFIX));
    }

    private static String quoted(List<String> values) {
        return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "));
    }

    private static String summary(Project project, OutputPlan plan, BridgeSettings settings) {
        TranscribeFeatures features = settings.transcribeFeatures();
        TaskLayout layout = plan.layout();
        StringBuilder line = new StringBuilder("Label Studio project ").append(project.id());
        if (!project.title().isBlank()) {
            line.append(" ('").append(project.title()).append("')");
        }
        line.append(": output ").append(plan.mode());
        if (plan.mode() == OutputPlan.Mode.SEGMENTS) {
            line.append(", Labels '").append(plan.labelsName()).append("' ").append(plan.labelValues())
                    .append(" + TextArea '").append(layout.fromName()).append("' (perRegion)");
        } else {
            line.append(", TextArea '").append(layout.fromName()).append("'");
        }
        line.append(" on Audio '").append(layout.toName()).append("' (task data '").append(layout.audioVariable())
                .append("')");
        if (plan.mode() == OutputPlan.Mode.SEGMENTS) {
            line.append("; speakers ").append(plan.speakerLabels().isEmpty() ? "not mapped"
                            : plan.speakerLabels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                                    .collect(Collectors.joining(", ")))
                    .append(channelsInLabelOrder(settings, plan) ? " (channels onto the Labels in config order)" : "")
                    .append(", default label '").append(plan.defaultLabel()).append("'")
                    .append("; segments up to ").append(number(plan.segmentation().maxSeconds()))
                    .append(" s, split at pauses of ").append(number(plan.segmentation().pauseSeconds())).append(" s");
        }
        line.append("; score ").append(plan.scoring().method().name().toLowerCase().replace('_', '-'))
                .append(", low confidence below ").append(number(plan.scoring().lowConfidence()))
                .append("; Transcribe: ").append(features.describe());
        return line.toString();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
