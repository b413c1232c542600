package io.transcribebridge.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A CloudFormation template read as plain YAML (a short-form tag such as {@code !Ref} is refused, as any YAML tool
 * without CloudFormation's tags refuses it), rendered for parameter values the way CloudFormation would: {@code Ref},
 * {@code Fn::GetAtt}, {@code Fn::Sub}, {@code Fn::Join}, {@code Fn::If}, {@code Fn::Equals}, {@code Fn::Not},
 * {@code Fn::And}, {@code Fn::Or}, {@code Condition} and {@code AWS::NoValue} are evaluated, and resources and outputs
 * whose condition is false are left out. What only AWS knows stays symbolic: a resource's Ref is {@code <Ref X>}, its
 * attribute {@code <X.Arn>}, a pseudo parameter {@code <AWS::Region>}.
 */
final class CloudFormationTemplate {

    /** A rendered resource: its type and its properties with every function evaluated. */
    record Resource(String id, String type, Map<String, Object> properties) {
    }

    /** The template for one set of parameter values. */
    record Rendered(Map<String, String> parameters, Map<String, Resource> resources, Map<String, Map<String, Object>> outputs,
                    List<String> problems) {

        List<Resource> ofType(String type) {
            return resources.values().stream().filter(r -> r.type().equals(type)).toList();
        }
    }

    private static final Object NO_VALUE = new Object();
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final Map<String, Object> template;

    private CloudFormationTemplate(Map<String, Object> template) {
        this.template = template;
    }

    /** @throws IllegalArgumentException when the text is not plain YAML (a tag YAML does not know, such as !Ref) */
    @SuppressWarnings("unchecked")
    static CloudFormationTemplate parse(String yaml) {
        try {
            return new CloudFormationTemplate((Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** Parameter name to its default, as text ("" for a parameter without one). */
    Map<String, String> parameterDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        section("Parameters").forEach((name, definition) ->
                defaults.put(name, String.valueOf(((Map<?, ?>) definition).get("Default") == null ? ""
                        : ((Map<?, ?>) definition).get("Default"))));
        return defaults;
    }

    boolean hasDefault(String parameter) {
        return section("Parameters").get(parameter) instanceof Map<?, ?> definition && definition.containsKey("Default");
    }

    /** The template rendered with these parameter values over the defaults. */
    Rendered render(Map<String, String> values) {
        Map<String, String> parameters = new LinkedHashMap<>(parameterDefaults());
        parameters.putAll(values);
        return new Renderer(parameters).render();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> section(String name) {
        Object section = template.get(name);
        return section instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private final class Renderer {
        private final Map<String, String> parameters;
        private final Map<String, Boolean> conditions = new HashMap<>();
        private final List<String> problems = new ArrayList<>();
        private final Map<String, Resource> resources = new LinkedHashMap<>();

        Renderer(Map<String, String> parameters) {
            this.parameters = parameters;
        }

        @SuppressWarnings("unchecked")
        Rendered render() {
            section("Resources").forEach((id, definition) -> {
                Map<String, Object> resource = (Map<String, Object>) definition;
                if (resource.get("Condition") instanceof String condition && !condition(condition)) {
                    return;
                }
                resources.put(id, null); // a placeholder: it exists
            });
            section("Resources").forEach((id, definition) -> {
                if (resources.containsKey(id)) {
                    Map<String, Object> resource = (Map<String, Object>) definition;
                    Object properties = evaluate(resource.getOrDefault("Properties", Map.of()));
                    resources.put(id, new Resource(id, String.valueOf(resource.get("Type")), (Map<String, Object>) properties));
                }
            });
            Map<String, Map<String, Object>> outputs = new LinkedHashMap<>();
            section("Outputs").forEach((name, definition) -> {
                Map<String, Object> output = (Map<String, Object>) definition;
                if (!(output.get("Condition") instanceof String condition) || condition(condition)) {
                    outputs.put(name, (Map<String, Object>) evaluate(output));
                }
            });
            return new Rendered(Map.copyOf(parameters), resources, outputs, List.copyOf(problems));
        }

        private boolean condition(String name) {
            Boolean known = conditions.get(name);
            if (known == null) {
                Object definition = section("Conditions").get(name);
                if (definition == null) {
                    throw new IllegalArgumentException("no condition " + name);
                }
                known = (Boolean) evaluate(definition);
                conditions.put(name, known);
            }
            return known;
        }

        @SuppressWarnings("unchecked")
        private Object evaluate(Object node) {
            if (node instanceof List<?> list) {
                List<Object> values = new ArrayList<>();
                for (Object item : list) {
                    Object value = evaluate(item);
                    if (value != NO_VALUE) {
                        values.add(value);
                    }
                }
                return values;
            }
            if (!(node instanceof Map<?, ?> map)) {
                return node;
            }
            if (map.size() == 1) {
                Map.Entry<String, Object> only = ((Map<String, Object>) map).entrySet().iterator().next();
                Object function = function(only.getKey(), only.getValue());
                if (function != null) {
                    return function;
                }
            }
            Map<String, Object> values = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((key, item) -> {
                Object value = evaluate(item);
                if (value != NO_VALUE) {
                    values.put(key, value);
                }
            });
            return values;
        }

        /** The value of an intrinsic function, or null when the key is not one. */
        private Object function(String name, Object argument) {
            List<?> arguments = argument instanceof List<?> list ? list : List.of();
            return switch (name) {
                case "Ref" -> ref(String.valueOf(argument));
                case "Fn::GetAtt" -> attribute(argument instanceof List<?> ? arguments.get(0) + "." + arguments.get(1)
                        : String.valueOf(argument));
                case "Fn::Sub" -> substitute(String.valueOf(argument instanceof List<?> ? arguments.get(0) : argument));
                case "Fn::Join" -> String.join(String.valueOf(arguments.get(0)),
                        ((List<?>) evaluate(arguments.get(1))).stream().map(String::valueOf).toList());
                case "Fn::If" -> evaluate(condition(String.valueOf(arguments.get(0))) ? arguments.get(1) : arguments.get(2));
                case "Fn::Equals" -> Objects.equals(String.valueOf(evaluate(arguments.get(0))),
                        String.valueOf(evaluate(arguments.get(1))));
                case "Fn::Not" -> !(Boolean) evaluate(arguments.get(0));
                case "Fn::And" -> arguments.stream().allMatch(a -> (Boolean) evaluate(a));
                case "Fn::Or" -> arguments.stream().anyMatch(a -> (Boolean) evaluate(a));
                case "Condition" -> argument instanceof String condition ? condition(condition) : null;
                default -> {
                    if (name.startsWith("Fn::")) {
                        throw new IllegalArgumentException(name + " is not rendered by this test helper");
                    }
                    yield null;
                }
            };
        }

        private Object ref(String name) {
            if (name.equals("AWS::NoValue")) {
                return NO_VALUE;
            }
            if (name.startsWith("AWS::")) {
                return "<" + name + ">";
            }
            if (parameters.containsKey(name)) {
                return parameters.get(name);
            }
            exists(name);
            return "<Ref " + name + ">";
        }

        private String attribute(String resourceAndAttribute) {
            exists(resourceAndAttribute.substring(0, resourceAndAttribute.indexOf('.')));
            return "<" + resourceAndAttribute + ">";
        }

        private String substitute(String text) {
            Matcher variable = SUB_VARIABLE.matcher(text);
            StringBuilder result = new StringBuilder();
            while (variable.find()) {
                String name = variable.group(1);
                String value = name.contains(".") && !name.startsWith("AWS::") ? attribute(name) : String.valueOf(ref(name));
                variable.appendReplacement(result, Matcher.quoteReplacement(value));
            }
            return variable.appendTail(result).toString();
        }

        private void exists(String resource) {
            if (!resources.containsKey(resource)) {
                problems.add("refers to " + resource + ", which is not created with " + parameters);
            }
        }
    }
}
