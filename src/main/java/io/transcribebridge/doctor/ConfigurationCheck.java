package io.transcribebridge.doctor;

import java.util.List;

import io.transcribebridge.config.BridgeSettings;
import io.transcribebridge.config.ConfigurationException;

/** Every setting, including combinations of Transcribe features that Transcribe would reject. */
final class ConfigurationCheck implements Check {

    static final String NAME = "Configuration";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> needs() {
        return List.of();
    }

    @Override
    public Finding run(Examination examination) {
        BridgeSettings settings;
        try {
            settings = BridgeSettings.load(examination.properties);
        } catch (ConfigurationException e) {
            return Finding.fatal(NAME, String.join("\n", e.problems()));
        }
        examination.settings = settings;
        examination.secrets.add(settings.labelStudioApiKey());
        var features = settings.transcribeFeatures();
        return Finding.ok(NAME, "settings valid; source s3://" + settings.sourceBucket() + "/"
                + settings.sourcePrefix() + ", output s3://" + settings.outputBucket() + "/"
                + settings.outputPrefix() + ", Transcribe "
                + (features.identifyLanguage() ? "identifying the language" : settings.languageCode()) + " with "
                + features.describe());
    }
}
