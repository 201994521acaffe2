package io.dynamocdc.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * config/aws/template.yaml read as CloudFormation reads it: the short-form tags ({@code !Ref},
 * {@code !Sub}, {@code !GetAtt a.b}, {@code !If} …) become their long forms ({@code {"Ref": …}},
 * {@code {"Fn::GetAtt": [a, b]}}), so tests can tell a reference from a literal.
 */
final class CloudFormationTemplate {

    static final Path CONFIG = Path.of("..", "config");
    static final Path TEMPLATE = CONFIG.resolve("aws/template.yaml");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;

    private CloudFormationTemplate(JsonNode root) {
        this.root = root;
    }

    static CloudFormationTemplate load() {
        try (Reader reader = Files.newBufferedReader(TEMPLATE)) {
            Object tree = new Yaml(new ShortFormConstructor()).load(reader);
            return new CloudFormationTemplate(JSON.valueToTree(tree));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TEMPLATE.toAbsolutePath(), e);
        }
    }

    JsonNode root() {
        return root;
    }

    JsonNode resource(String logicalId) {
        JsonNode resource = root.path("Resources").path(logicalId);
        if (resource.isMissingNode()) {
            throw new AssertionError("the template has no resource " + logicalId);
        }
        return resource;
    }

    /** Logical ids of the resources of this type, in template order. */
    List<String> resourcesOfType(String type) {
        List<String> ids = new ArrayList<>();
        root.path("Resources").fields().forEachRemaining(entry -> {
            if (type.equals(entry.getValue().path("Type").asText())) {
                ids.add(entry.getKey());
            }
        });
        return ids;
    }

    /**
     * The value as deployed with every parameter at its default: a literal stays, a {@code Ref} to a
     * parameter becomes the parameter's default. Anything else is not a plain value.
     */
    String valueWithDefaults(JsonNode node) {
        if (node.isValueNode()) {
            return node.asText();
        }
        JsonNode ref = node.path("Ref");
        if (ref.isTextual()) {
            JsonNode parameter = root.path("Parameters").path(ref.asText());
            if (parameter.has("Default")) {
                return parameter.get("Default").asText();
            }
        }
        throw new AssertionError("not a literal nor a parameter with a default: " + node);
    }

    /** The Lambda's environment as deployed with default parameters. */
    Map<String, String> transformEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> variables =
                resource("TransformFunction").path("Properties").path("Environment").path("Variables").fields();
        variables.forEachRemaining(entry -> environment.put(entry.getKey(), valueWithDefaults(entry.getValue())));
        return environment;
    }

    /** Maps each short-form intrinsic tag to CloudFormation's long form. */
    private static final class ShortFormConstructor extends SafeConstructor {

        ShortFormConstructor() {
            super(new LoaderOptions());
            for (String function : List.of("Ref", "Condition")) {
                yamlConstructors.put(new Tag("!" + function), new Intrinsic(function));
            }
            for (String function : List.of("Sub", "If", "Equals", "Not", "And", "Or", "Join", "Select", "Split",
                    "FindInMap", "Base64", "Cidr", "GetAZs", "ImportValue", "Transform", "ToJsonString", "Length")) {
                yamlConstructors.put(new Tag("!" + function), new Intrinsic("Fn::" + function));
            }
            yamlConstructors.put(new Tag("!GetAtt"), new GetAtt());
        }

        private Object plain(Node node) {
            if (node instanceof ScalarNode scalar) {
                return scalar.getValue();
            }
            if (node instanceof SequenceNode sequence) {
                return constructSequence(sequence);
            }
            return constructMapping((MappingNode) node);
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String longName;

            Intrinsic(String longName) {
                this.longName = longName;
            }

            @Override
            public Object construct(Node node) {
                return Map.of(longName, plain(node));
            }
        }

        private final class GetAtt extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                Object value = plain(node);
                if (value instanceof String dotted) {
                    int dot = dotted.indexOf('.');
                    value = List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
                }
                return Map.of("Fn::GetAtt", value);
            }
        }
    }
}
