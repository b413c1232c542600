package io.transcribebridge.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transcribebridge.config.CloudFormationTemplate.Rendered;
import io.transcribebridge.config.CloudFormationTemplate.Resource;

/**
 * config/aws/transcribe-bridge-events.cfn.yaml checked against what the service needs and what the rest of the
 * repository says: every queue has a dead-letter queue after MaxReceiveCount deliveries, each EventBridge rule has the
 * pattern the service consumes and targets its queue, only the rule (or the source bucket) may send to a queue, the
 * managed policy grants the SQS actions of config/iam-policy.json on the queues it names, and the outputs name real
 * settings. The template is rendered for several parameter sets, so a condition that picks the wrong branch shows.
 * The texts are given, so a test can check a broken copy.
 */
final class AwsTemplate {

    static final Path TEMPLATE = Path.of("config/aws/transcribe-bridge-events.cfn.yaml");
    static final Path IAM_POLICY = Path.of("config/iam-policy.json");
    /** Outputs that configure the service: output name to the property its value is for. */
    static final Map<String, String> QUEUE_URL_OUTPUTS = Map.of(
            "SourceEventsQueueUrl", "source.events-queue-url",
            "TranscribeEventsQueueUrl", "transcribe.events-queue-url");
    /** Parameter sets the template is rendered for (over its defaults). */
    static final List<Map<String, String>> SCENARIOS = List.of(
            Map.of("SourceBucketName", "audio", "OutputBucketName", "audio"),
            Map.of("SourceBucketName", "audio", "OutputBucketName", "transcripts", "SourcePrefix", "calls/",
                    "MaxReceiveCount", "7", "QueueNamePrefix", "tb-staging", "ServiceRoleName", "transcribe-bridge"),
            Map.of("SourceBucketName", "audio", "OutputBucketName", "audio", "SourceEventsVia", "S3Notifications"));
    /** Seconds: SQS's longest retention, what a dead-letter queue keeps its messages for. */
    static final int DEAD_LETTER_RETENTION = 1_209_600;
    /** SQS's default retention, when a queue does not set one. */
    static final int DEFAULT_RETENTION = 345_600;
    private static final Pattern SHORT_FORM = Pattern.compile(
            "(?m)(?:^|[\\s:\\[,-])!(Ref|GetAtt|Sub|Join|If|Equals|Not|And|Or|Select|Split|FindInMap|Base64|Cidr|"
            + "ImportValue|GetAZs|Condition|Transform)\\b");
    private static final Pattern VARIABLE = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b");

    private final String template;
    private final String iamPolicy;
    private final Map<String, String> properties;
    private final Set<String> problems = new LinkedHashSet<>();

    AwsTemplate(String template, String iamPolicy, Map<String, String> properties) {
        this.template = template;
        this.iamPolicy = iamPolicy;
        this.properties = properties;
    }

    static AwsTemplate shipped() throws IOException {
        return new AwsTemplate(Files.readString(TEMPLATE), Files.readString(IAM_POLICY),
                ConfigReferenceTest.shippedProperties());
    }

    /** Every problem found; empty when the files agree. */
    List<String> problems() throws IOException {
        problems.clear();
        String withoutComments = String.join("\n", template.lines().map(l -> l.replaceFirst("(^|\\s)#.*$", "")).toList());
        Matcher shortForm = SHORT_FORM.matcher(withoutComments);
        if (shortForm.find()) {
            problems.add("short-form intrinsic function !" + shortForm.group(1) + ": use the long form (Ref:, Fn::GetAtt:, ...)"
                         + " so the template stays plain YAML");
        }
        CloudFormationTemplate cfn;
        try {
            cfn = CloudFormationTemplate.parse(template);
        } catch (IllegalArgumentException e) {
            problems.add("not plain YAML: " + e.getMessage());
            return List.copyOf(problems);
        }
        checkParameters(cfn);
        JsonNode policy = new ObjectMapper().readTree(iamPolicy);
        for (Map<String, String> scenario : SCENARIOS) {
            Rendered rendered = cfn.render(scenario);
            problems.addAll(rendered.problems());
            new Scenario(rendered, scenario, policy).check();
        }
        return List.copyOf(problems);
    }

    private void checkParameters(CloudFormationTemplate cfn) {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("SourcePrefix", "");
        expected.put("OutputPrefix", properties.get("output.prefix"));
        expected.put("MaxReceiveCount", "5");
        expected.put("QueueNamePrefix", "transcribe-bridge");
        Map<String, String> defaults = cfn.parameterDefaults();
        expected.forEach((parameter, value) -> {
            if (!cfn.hasDefault(parameter) || !value.equals(defaults.get(parameter))) {
                problems.add("parameter " + parameter + " should default to '" + value + "', not '" + defaults.get(parameter)
                             + "'");
            }
        });
        for (String required : List.of("SourceBucketName", "OutputBucketName")) {
            if (!defaults.containsKey(required)) {
                problems.add("no parameter " + required);
            }
        }
    }

    /** The checks of one rendering. */
    private final class Scenario {
        private final Rendered rendered;
        private final Map<String, String> parameters;
        /** The parameters given, for the messages. */
        private final Map<String, String> given;
        private final JsonNode iamPolicy;

        Scenario(Rendered rendered, Map<String, String> given, JsonNode iamPolicy) {
            this.rendered = rendered;
            this.parameters = rendered.parameters();
            this.given = new TreeMap<>(given);
            this.iamPolicy = iamPolicy;
        }

        void check() {
            Resource sourceQueue = queueNamed("-source-events");
            Resource transcribeQueue = queueNamed("-transcribe-events");
            for (Resource queue : rendered.ofType("AWS::SQS::Queue")) {
                if (queue != sourceQueue && queue != transcribeQueue && !isDeadLetterQueue(queue)) {
                    problems.add(queue.id() + " is neither an event queue nor a dead-letter queue");
                }
            }
            if (sourceQueue == null || transcribeQueue == null) {
                return;
            }
            checkQueue(sourceQueue);
            checkQueue(transcribeQueue);
            boolean viaEventBridge = "EventBridge".equals(parameters.get("SourceEventsVia"));
            Resource sourceRule = rule("aws.s3", viaEventBridge ? 1 : 0);
            Resource transcribeRule = rule("aws.transcribe", 1);
            if (sourceRule != null) {
                checkRule(sourceRule, sourceEventPattern(), sourceQueue);
            }
            if (transcribeRule != null) {
                checkRule(transcribeRule, Map.of("source", List.of("aws.transcribe"),
                        "detail-type", List.of("Transcribe Job State Change"),
                        "detail", Map.of("TranscriptionJobStatus", List.of("COMPLETED", "FAILED"))), transcribeQueue);
                checkQueuePolicy(transcribeQueue, "events.amazonaws.com",
                        Map.of("ArnEquals", Map.of("aws:SourceArn", arn(transcribeRule))));
            }
            if (viaEventBridge && sourceRule != null) {
                checkQueuePolicy(sourceQueue, "events.amazonaws.com",
                        Map.of("ArnEquals", Map.of("aws:SourceArn", arn(sourceRule))));
            } else if (!viaEventBridge) {
                checkQueuePolicy(sourceQueue, "s3.amazonaws.com", Map.of(
                        "ArnEquals", Map.of("aws:SourceArn", "arn:<AWS::Partition>:s3:::" + parameters.get("SourceBucketName")),
                        "StringEquals", Map.of("aws:SourceAccount", "<AWS::AccountId>")));
            }
            checkManagedPolicy(List.of(sourceQueue, transcribeQueue));
            checkOutputs(Map.of("SourceEventsQueueUrl", sourceQueue, "TranscribeEventsQueueUrl", transcribeQueue));
        }

        private Resource queueNamed(String suffix) {
            String name = parameters.get("QueueNamePrefix") + suffix;
            List<Resource> queues = rendered.ofType("AWS::SQS::Queue").stream()
                    .filter(q -> name.equals(q.properties().get("QueueName"))).toList();
            if (queues.size() != 1) {
                problems.add(queues.size() + " queues named " + name + " (QueueNamePrefix + '" + suffix + "'), not 1");
                return null;
            }
            return queues.get(0);
        }

        private boolean isDeadLetterQueue(Resource queue) {
            return rendered.ofType("AWS::SQS::Queue").stream().anyMatch(q -> q.properties().get("RedrivePolicy")
                    instanceof Map<?, ?> redrive && arn(queue).equals(redrive.get("deadLetterTargetArn")));
        }

        /** Its dead-letter queue, long polling and visibility timeout. */
        private void checkQueue(Resource queue) {
            if (!(queue.properties().get("RedrivePolicy") instanceof Map<?, ?> redrive)) {
                problems.add(queue.id() + " has no dead-letter queue (RedrivePolicy)");
                return;
            }
            String count = String.valueOf(redrive.get("maxReceiveCount"));
            if (!count.equals(parameters.get("MaxReceiveCount"))) {
                problems.add(queue.id() + ": maxReceiveCount " + count + ", not the MaxReceiveCount parameter ("
                             + parameters.get("MaxReceiveCount") + ")");
            }
            Resource deadLetters = rendered.ofType("AWS::SQS::Queue").stream()
                    .filter(q -> arn(q).equals(redrive.get("deadLetterTargetArn"))).findFirst().orElse(null);
            if (deadLetters == null) {
                problems.add(queue.id() + ": deadLetterTargetArn " + redrive.get("deadLetterTargetArn")
                             + " is not a queue of the template");
                return;
            }
            if (deadLetters == queue || deadLetters.properties().containsKey("RedrivePolicy")) {
                problems.add(queue.id() + ": its dead-letter queue " + deadLetters.id() + " must be a plain queue of its own");
            }
            long shared = rendered.ofType("AWS::SQS::Queue").stream().filter(q -> q.properties().get("RedrivePolicy")
                    instanceof Map<?, ?> r && arn(deadLetters).equals(r.get("deadLetterTargetArn"))).count();
            if (shared > 1) {
                problems.add(deadLetters.id() + " is the dead-letter queue of " + shared + " queues; give each its own");
            }
            int retention = seconds(deadLetters.properties().get("MessageRetentionPeriod"), DEFAULT_RETENTION);
            if (retention != DEAD_LETTER_RETENTION
                    || retention <= seconds(queue.properties().get("MessageRetentionPeriod"), DEFAULT_RETENTION)) {
                problems.add(deadLetters.id() + ": retention " + retention + " s, not 14 days (" + DEAD_LETTER_RETENTION
                             + " s) and longer than " + queue.id() + "'s");
            }
            if (seconds(queue.properties().get("ReceiveMessageWaitTimeSeconds"), 0) < 1) {
                problems.add(queue.id() + " short-polls: set ReceiveMessageWaitTimeSeconds (20) so idle receives wait");
            }
            if (!queue.properties().containsKey("VisibilityTimeout")) {
                problems.add(queue.id() + " has SQS's default visibility timeout of 30 s; set one");
            }
        }

        private Resource rule(String source, int expected) {
            List<Resource> rules = rendered.ofType("AWS::Events::Rule").stream()
                    .filter(r -> r.properties().get("EventPattern") instanceof Map<?, ?> pattern
                                 && List.of(source).equals(pattern.get("source"))).toList();
            if (rules.size() != expected) {
                problems.add(rules.size() + " rules for source " + source + ", not " + expected + " (with " + given + ")");
                return null;
            }
            return rules.isEmpty() ? null : rules.get(0);
        }

        private Map<String, Object> sourceEventPattern() {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("bucket", Map.of("name", List.of(parameters.get("SourceBucketName"))));
            if (!parameters.get("SourcePrefix").isEmpty()) {
                detail.put("object", Map.of("key", List.of(Map.of("prefix", parameters.get("SourcePrefix")))));
            } else if (parameters.get("OutputBucketName").equals(parameters.get("SourceBucketName"))) {
                // the service's own writes are no work for it
                detail.put("object", Map.of("key", List.of(Map.of("anything-but",
                        Map.of("prefix", parameters.get("OutputPrefix"))))));
            }
            return Map.of("source", List.of("aws.s3"), "detail-type", List.of("Object Created"), "detail", detail);
        }

        private void checkRule(Resource rule, Map<String, Object> pattern, Resource queue) {
            if (!pattern.equals(rule.properties().get("EventPattern"))) {
                problems.add(rule.id() + ": pattern " + rule.properties().get("EventPattern") + ", not " + pattern
                             + " (with " + given + ")");
            }
            if (!"ENABLED".equals(rule.properties().getOrDefault("State", "ENABLED"))) {
                problems.add(rule.id() + " is not ENABLED");
            }
            List<?> targets = (List<?>) rule.properties().getOrDefault("Targets", List.of());
            List<Object> arns = targets.stream().map(t -> (Object) ((Map<?, ?>) t).get("Arn")).toList();
            if (!List.of(arn(queue)).equals(arns)) {
                problems.add(rule.id() + " targets " + arns + ", not " + queue.id() + " alone");
            }
        }

        private void checkQueuePolicy(Resource queue, String service, Map<String, Object> condition) {
            List<Resource> policies = rendered.ofType("AWS::SQS::QueuePolicy").stream()
                    .filter(p -> ((List<?>) p.properties().getOrDefault("Queues", List.of())).contains(ref(queue))).toList();
            if (policies.size() != 1) {
                problems.add(queue.id() + ": " + policies.size() + " queue policies, not 1");
                return;
            }
            Resource policy = policies.get(0);
            if (!List.of(ref(queue)).equals(policy.properties().get("Queues"))) {
                problems.add(policy.id() + " applies to " + policy.properties().get("Queues") + ", not " + queue.id() + " alone");
            }
            List<?> statements = statements(policy.properties().get("PolicyDocument"));
            if (statements.size() != 1) {
                problems.add(policy.id() + ": " + statements.size() + " statements; only the one for " + service);
            }
            for (Object item : statements) {
                Map<?, ?> statement = (Map<?, ?>) item;
                if (!"Allow".equals(statement.get("Effect")) || !Map.of("Service", service).equals(statement.get("Principal"))) {
                    problems.add(policy.id() + ": principal " + statement.get("Principal") + ", not only " + service);
                }
                if (!List.of("sqs:SendMessage").equals(strings(statement.get("Action")))
                        || !List.of(arn(queue)).equals(strings(statement.get("Resource")))) {
                    problems.add(policy.id() + ": allows " + statement.get("Action") + " on " + statement.get("Resource")
                                 + ", not sqs:SendMessage on " + queue.id());
                }
                if (!condition.equals(statement.get("Condition"))) {
                    problems.add(policy.id() + ": condition " + statement.get("Condition") + ", not " + condition
                                 + " (aws:SourceArn: only the rule or bucket that feeds " + queue.id() + ")");
                }
            }
        }

        private void checkManagedPolicy(List<Resource> queues) {
            List<Resource> policies = rendered.ofType("AWS::IAM::ManagedPolicy");
            if (policies.size() != 1) {
                problems.add(policies.size() + " managed policies, not 1");
                return;
            }
            Resource policy = policies.get(0);
            Set<String> actions = new TreeSet<>();
            Set<String> resources = new TreeSet<>();
            for (Object statement : statements(policy.properties().get("PolicyDocument"))) {
                actions.addAll(strings(((Map<?, ?>) statement).get("Action")));
                resources.addAll(strings(((Map<?, ?>) statement).get("Resource")));
            }
            Set<String> granted = sqsActionsOfTheIamPolicy(iamPolicy);
            if (!actions.equals(granted)) {
                problems.add(policy.id() + ": actions " + actions + " differ from the SQS actions of config/iam-policy.json "
                             + granted);
            }
            Set<String> queueArns = new TreeSet<>(queues.stream().map(AwsTemplate::arn).toList());
            if (!resources.equals(queueArns)) {
                problems.add(policy.id() + ": resources " + resources + ", not the two event queues " + queueArns);
            }
            String role = parameters.getOrDefault("ServiceRoleName", "");
            Object roles = policy.properties().get("Roles");
            if (!(role.isEmpty() ? roles == null : List.of(role).equals(roles))) {
                problems.add(policy.id() + ": attached to " + roles + " with ServiceRoleName '" + role + "'");
            }
            if ("transcribe-bridge".equals(parameters.get("QueueNamePrefix"))) {
                Set<String> named = new TreeSet<>();
                for (Resource queue : queues) {
                    named.add("arn:aws:sqs:REGION:ACCOUNT_ID:" + queue.properties().get("QueueName"));
                }
                Set<String> inPolicy = sqsResourcesOfTheIamPolicy(iamPolicy);
                if (!inPolicy.equals(named)) {
                    problems.add("config/iam-policy.json grants SQS on " + inPolicy + ", not on the template's queues " + named);
                }
            }
        }

        private void checkOutputs(Map<String, Resource> queueOfOutput) {
            Set<String> settings = new TreeSet<>();
            properties.keySet().forEach(key -> settings.add(BridgeSettings.environmentName(key)));
            queueOfOutput.forEach((output, queue) -> {
                Map<String, Object> definition = rendered.outputs().get(output);
                String variable = BridgeSettings.environmentName(QUEUE_URL_OUTPUTS.get(output));
                if (definition == null) {
                    problems.add("no output " + output);
                    return;
                }
                if (!ref(queue).equals(definition.get("Value"))) {
                    problems.add("output " + output + " is " + definition.get("Value") + ", not " + queue.id() + "'s URL");
                }
                if (!String.valueOf(definition.get("Description")).contains(variable)) {
                    problems.add("output " + output + ": its description does not name " + variable);
                }
            });
            for (Resource queue : rendered.ofType("AWS::SQS::Queue")) {
                if (rendered.outputs().values().stream().noneMatch(o -> ref(queue).equals(o.get("Value")))) {
                    problems.add("no output gives " + queue.id() + "'s URL");
                }
            }
            for (Resource policy : rendered.ofType("AWS::IAM::ManagedPolicy")) {
                if (rendered.outputs().values().stream().noneMatch(o -> ref(policy).equals(o.get("Value")))) {
                    problems.add("no output gives " + policy.id() + "'s ARN");
                }
            }
            rendered.outputs().forEach((name, definition) -> {
                Matcher variable = VARIABLE.matcher(String.valueOf(definition.get("Description")));
                while (variable.find()) {
                    if (!settings.contains(variable.group())) {
                        problems.add("output " + name + " names " + variable.group()
                                     + ", which is not a setting of config/application.properties");
                    }
                }
            });
        }
    }

    /** The SQS actions config/iam-policy.json grants. */
    static Set<String> sqsActionsOfTheIamPolicy(JsonNode policy) {
        Set<String> actions = new TreeSet<>();
        for (JsonNode statement : policy.path("Statement")) {
            strings(new ObjectMapper().convertValue(statement.path("Action"), Object.class)).stream()
                    .filter(a -> a.startsWith("sqs:")).forEach(actions::add);
        }
        return actions;
    }

    private static Set<String> sqsResourcesOfTheIamPolicy(JsonNode policy) {
        Set<String> resources = new TreeSet<>();
        for (JsonNode statement : policy.path("Statement")) {
            strings(new ObjectMapper().convertValue(statement.path("Resource"), Object.class)).stream()
                    .filter(r -> r.startsWith("arn:aws:sqs:")).forEach(resources::add);
        }
        return resources;
    }

    private static List<?> statements(Object document) {
        Object statements = document instanceof Map<?, ?> map ? map.get("Statement") : null;
        return statements instanceof List<?> list ? list : statements == null ? List.of() : List.of(statements);
    }

    private static List<String> strings(Object value) {
        List<String> strings = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> strings.add(String.valueOf(item)));
        } else if (value != null) {
            strings.add(String.valueOf(value));
        }
        return strings;
    }

    private static int seconds(Object value, int otherwise) {
        return value == null ? otherwise : Integer.parseInt(String.valueOf(value));
    }

    private static String arn(Resource resource) {
        return "<" + resource.id() + ".Arn>";
    }

    private static String ref(Resource resource) {
        return "<Ref " + resource.id() + ">";
    }
}
