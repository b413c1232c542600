package io.transcribebridge;

import java.util.Optional;

import io.transcribebridge.config.BridgeConfiguration;
import io.transcribebridge.config.ConfigurationException;
import io.transcribebridge.doctor.Diagnosis;
import io.transcribebridge.doctor.Doctor;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the service: camel-main with the route files in {@code routes/} and the properties in
 * {@code config/application.properties}, both relative to the working directory. {@code CONFIG_DIR} and
 * {@code ROUTES_DIR} (environment or system property) point elsewhere, e.g. at mounted volumes. With the argument
 * {@code doctor} it only runs the start-up checks and prints their report.
 */
public final class Application {

    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        Optional<String> logFormatProblem = LogFormat.problem(
                System.getProperty("LOG_FORMAT", System.getenv("LOG_FORMAT")));
        if (logFormatProblem.isPresent()) {
            // not through the logger: with an unknown format it has nowhere to write
            System.err.println("transcribe-bridge cannot start. " + logFormatProblem.get());
            System.exit(2);
        }
        if (args.length > 0 && args[0].equals("doctor")) {
            System.exit(doctor());
        }
        Main main = new Main();
        main.configure().addConfiguration(BridgeConfiguration.class);
        main.setDefaultPropertyPlaceholderLocation(propertiesLocation());
        String routesDir = setting("ROUTES_DIR", null);
        if (routesDir != null) {
            main.addInitialProperty("routes.dir", routesDir);
        }
        int exitCode;
        try {
            exitCode = main.run(args);
        } catch (Exception e) {
            ConfigurationException configProblem = findConfigurationProblem(e);
            if (configProblem != null) {
                LOG.error("transcribe-bridge cannot start. {}", configProblem.getMessage());
                exitCode = 2;
            } else {
                LOG.error("transcribe-bridge failed to start: {}", e.getMessage(), e);
                exitCode = 1;
            }
        }
        System.exit(exitCode);
    }

    /**
     * {@code doctor}: runs the start-up checks once against the same properties (the properties file, overridden by
     * the environment), prints the report and exits: 0 when nothing is fatal (warnings allowed), 2 otherwise. Starts
     * no route and no management server, and does not wait for Label Studio.
     */
    private static int doctor() {
        // only for its properties component (file + environment overrides, {{placeholders}}); never started, so
        // there is nothing to stop (closing it would log a shutdown that never had a start-up)
        PropertiesComponent properties = new DefaultCamelContext().getPropertiesComponent();
        properties.setLocation(propertiesLocation());
        Diagnosis diagnosis = Doctor.oneShot(properties::resolveProperty).run();
        System.out.println(diagnosis.report());
        return diagnosis.fatal() ? 2 : 0;
    }

    private static String propertiesLocation() {
        return "file:" + setting("CONFIG_DIR", "config") + "/application.properties";
    }

    private static String setting(String name, String defaultValue) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? defaultValue : value;
    }

    private static ConfigurationException findConfigurationProblem(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationException c) {
                return c;
            }
        }
        return null;
    }
}
