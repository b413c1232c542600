package io.transcribebridge.config;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No AWS account runs in CI, so config/aws/transcribe-bridge-events.cfn.yaml is checked against config/iam-policy.json
 * and config/application.properties here; each check is shown to catch its mistake on a broken copy.
 */
class AwsTemplateTest {

    private static final String TEMPLATE = "template";
    private static final String POLICY = "iam-policy.json";

    @Test
    void theShippedTemplateAgreesWithThePolicyAndTheSettings() throws Exception {
        assertThat(AwsTemplate.shipped().problems()).isEmpty();
    }

    @Test
    void theServiceMayOnlyConsumeTheQueues() throws Exception {
        assertThat(AwsTemplate.sqsActionsOfTheIamPolicy(new ObjectMapper().readTree(AwsTemplate.IAM_POLICY.toFile())))
                .containsExactlyInAnyOrder("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility");
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                // plain YAML, parameters, queue names
                Arguments.of(TEMPLATE, "          Fn::GetAtt: [SourceEventsDeadLetterQueue, Arn]",
                        "          !GetAtt SourceEventsDeadLetterQueue.Arn", "short-form intrinsic function !GetAtt"),
                Arguments.of(TEMPLATE, "    Default: transcribe-bridge/\n", "    Default: bridge/\n",
                        "parameter OutputPrefix should default to 'transcribe-bridge/'"),
                Arguments.of(TEMPLATE, "Fn::Sub: \"${QueueNamePrefix}-transcribe-events\"", "Fn::Sub: \"${QueueNamePrefix}-jobs\"",
                        "0 queues named transcribe-bridge-transcribe-events"),
                // dead-letter queues and queue attributes
                Arguments.of(TEMPLATE, "[SourceEventsDeadLetterQueue, Arn]\n        maxReceiveCount:\n          Ref: MaxReceiveCount",
                        "[SourceEventsDeadLetterQueue, Arn]\n        maxReceiveCount: 5",
                        "SourceEventsQueue: maxReceiveCount 5, not the MaxReceiveCount parameter (7)"),
                Arguments.of(TEMPLATE, "      RedrivePolicy:\n        deadLetterTargetArn:\n          Fn::GetAtt: [TranscribeEventsDeadLetterQueue, Arn]\n"
                                       + "        maxReceiveCount:\n          Ref: MaxReceiveCount\n", "",
                        "TranscribeEventsQueue has no dead-letter queue"),
                Arguments.of(TEMPLATE, "[TranscribeEventsDeadLetterQueue, Arn]\n        maxReceiveCount",
                        "[SourceEventsDeadLetterQueue, Arn]\n        maxReceiveCount",
                        "SourceEventsDeadLetterQueue is the dead-letter queue of 2 queues"),
                Arguments.of(TEMPLATE, "-transcribe-events-dlq\"\n      MessageRetentionPeriod: 1209600",
                        "-transcribe-events-dlq\"\n      MessageRetentionPeriod: 345600",
                        "TranscribeEventsDeadLetterQueue: retention 345600 s"),
                Arguments.of(TEMPLATE, "      ReceiveMessageWaitTimeSeconds: 20\n", "", "SourceEventsQueue short-polls"),
                Arguments.of(TEMPLATE, "      VisibilityTimeout:\n        Ref: VisibilityTimeoutSeconds\n", "",
                        "TranscribeEventsQueue has SQS's default visibility timeout"),
                // rules
                Arguments.of(TEMPLATE, "TranscriptionJobStatus: [COMPLETED, FAILED]", "TranscriptionJobStatus: [COMPLETED]",
                        "TranscribeJobStateRule: pattern"),
                Arguments.of(TEMPLATE, "detail-type: [Object Created]", "detail-type: [Object Created, Object Deleted]",
                        "SourceObjectCreatedRule: pattern"),
                Arguments.of(TEMPLATE, "- prefix:\n                      Ref: SourcePrefix", "- prefix:\n                      Ref: OutputPrefix",
                        "SourceObjectCreatedRule: pattern"),
                Arguments.of(TEMPLATE, "                  - OutputInSourceBucket\n", "                  - HasServiceRole\n",
                        "SourceObjectCreatedRule: pattern"),
                Arguments.of(TEMPLATE, "    Condition: SourceEventsViaEventBridge\n", "",
                        "1 rules for source aws.s3, not 0"),
                Arguments.of(TEMPLATE, "        - Id: transcribe-events-queue\n          Arn:\n            Fn::GetAtt: [TranscribeEventsQueue, Arn]",
                        "        - Id: transcribe-events-queue\n          Arn:\n            Fn::GetAtt: [SourceEventsQueue, Arn]",
                        "TranscribeJobStateRule targets [<SourceEventsQueue.Arn>], not TranscribeEventsQueue alone"),
                // queue policies
                Arguments.of(TEMPLATE, "                  Fn::GetAtt: [TranscribeJobStateRule, Arn]",
                        "                  Fn::GetAtt: [SourceObjectCreatedRule, Arn]", "TranscribeEventsQueuePolicy: condition"),
                Arguments.of(TEMPLATE, "            Principal:\n              Service: events.amazonaws.com",
                        "            Principal: \"*\"", "TranscribeEventsQueuePolicy: principal *, not only events.amazonaws.com"),
                Arguments.of(TEMPLATE, "                  StringEquals:\n                    aws:SourceAccount:\n                      Ref: AWS::AccountId\n",
                        "", "SourceEventsQueuePolicy: condition"),
                // the service's managed policy and config/iam-policy.json
                Arguments.of(TEMPLATE, "              - sqs:ChangeMessageVisibility\n",
                        "              - sqs:ChangeMessageVisibility\n              - sqs:SendMessage\n",
                        "EventQueuesPolicy: actions [sqs:ChangeMessageVisibility, sqs:DeleteMessage, sqs:ReceiveMessage, "
                        + "sqs:SendMessage] differ from the SQS actions of config/iam-policy.json"),
                Arguments.of(TEMPLATE, "              - Fn::GetAtt: [TranscribeEventsQueue, Arn]",
                        "              - Fn::GetAtt: [TranscribeEventsDeadLetterQueue, Arn]", "EventQueuesPolicy: resources"),
                Arguments.of(POLICY, ", \"sqs:ChangeMessageVisibility\"]", "]",
                        "differ from the SQS actions of config/iam-policy.json [sqs:DeleteMessage, sqs:ReceiveMessage]"),
                Arguments.of(POLICY, "ACCOUNT_ID:transcribe-bridge-transcribe-events\"", "ACCOUNT_ID:transcribe-bridge-jobs\"",
                        "config/iam-policy.json grants SQS on [arn:aws:sqs:REGION:ACCOUNT_ID:transcribe-bridge-jobs"),
                // outputs
                Arguments.of(TEMPLATE, "Set SOURCE_EVENTS_QUEUE_URL", "Set SOURCE_QUEUE_URL",
                        "output SourceEventsQueueUrl names SOURCE_QUEUE_URL, which is not a setting"),
                Arguments.of(TEMPLATE, "(source.events-queue-url) to this.\n    Value:\n      Ref: SourceEventsQueue",
                        "(source.events-queue-url) to this.\n    Value:\n      Ref: TranscribeEventsQueue",
                        "output SourceEventsQueueUrl is <Ref TranscribeEventsQueue>, not SourceEventsQueue's URL"),
                Arguments.of(TEMPLATE, "  EventQueuesPolicyArn:\n", "  PolicyArn:\n    Condition: HasServiceRole\n",
                        "no output gives EventQueuesPolicy's ARN"));
    }

    @ParameterizedTest(name = "{1} -> {3}")
    @MethodSource("mistakes")
    void eachCheckCatchesItsMistake(String file, String shipped, String broken, String expectedProblem) throws Exception {
        String template = Files.readString(AwsTemplate.TEMPLATE);
        String policy = Files.readString(AwsTemplate.IAM_POLICY);
        String original = file.equals(TEMPLATE) ? template : policy;
        assertThat(original).as("the shipped " + file + " has the text the test breaks").contains(shipped);
        String copy = original.replace(shipped, broken);
        AwsTemplate files = file.equals(TEMPLATE)
                ? new AwsTemplate(copy, policy, ConfigReferenceTest.shippedProperties())
                : new AwsTemplate(template, copy, ConfigReferenceTest.shippedProperties());
        assertThat(files.problems()).anyMatch(problem -> problem.contains(expectedProblem));
    }

    @Test
    void anOutputNamingAVariableTheServiceDoesNotReadIsCaught() throws Exception {
        Map<String, String> properties = new LinkedHashMap<>(ConfigReferenceTest.shippedProperties());
        properties.remove("source.events-queue-url");
        AwsTemplate files = new AwsTemplate(Files.readString(AwsTemplate.TEMPLATE),
                Files.readString(AwsTemplate.IAM_POLICY), properties);
        assertThat(files.problems()).contains(
                "output SourceEventsQueueUrl names SOURCE_EVENTS_QUEUE_URL, which is not a setting of config/application.properties");
    }
}
