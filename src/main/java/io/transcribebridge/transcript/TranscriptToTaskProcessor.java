package io.transcribebridge.transcript;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.intake.TrackedObject;
import io.transcribebridge.intake.SourceObject;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Body in: the transcript JSON as read from S3. Body out: one Label Studio task (a JSON object), which the import
 * batcher puts into an import request with others. Sets {@code transcriptWords} for logging and {@code audioSeconds}
 * (0 when the transcript has no timed words) for the metrics.
 */
public final class TranscriptToTaskProcessor implements Processor {

    public static final String AUDIO_SECONDS = "audioSeconds";

    private final ObjectMapper mapper;
    private final TranscriptParser parser;
    private final TaskFactory tasks;

    public TranscriptToTaskProcessor(ObjectMapper mapper, TranscriptParser parser, TaskFactory tasks) {
        this.mapper = mapper;
        this.parser = parser;
        this.tasks = tasks;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        byte[] json = exchange.getIn().getMandatoryBody(byte[].class);
        Transcript transcript = parser.parse(json);
        SourceObject source = exchange.getProperty(TrackedObject.SOURCE, SourceObject.class);
        String jobName = exchange.getProperty(TrackedObject.JOB_NAME, String.class);
        exchange.setProperty("transcriptWords", transcript.wordCount());
        exchange.setProperty(AUDIO_SECONDS, transcript.audioSeconds());
        exchange.getMessage().setBody(mapper.writeValueAsString(tasks.task(source, jobName, transcript)));
    }
}
