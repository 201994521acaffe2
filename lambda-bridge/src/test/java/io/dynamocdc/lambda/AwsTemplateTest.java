package io.dynamocdc.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * config/aws/template.yaml: it passes cfn-lint, and it agrees with the code it deploys and with
 * config/athena (handler, variables, partition keys, columns), and its IAM stays narrow.
 */
class AwsTemplateTest {

    private static final CloudFormationTemplate TEMPLATE = CloudFormationTemplate.load();

    @Test
    void passesCfnLintWithNoFinding() throws Exception {
        Process lint;
        try {
            lint = new ProcessBuilder("cfn-lint", "--format", "parseable", CloudFormationTemplate.TEMPLATE.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("cfn-lint is needed to check config/aws/template.yaml and was not found on "
                    + "PATH (install it with: pip install cfn-lint)", e);
        }
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!lint.waitFor(5, TimeUnit.MINUTES)) {
            lint.destroyForcibly();
            fail("cfn-lint did not finish within 5 minutes");
        }
        // Exit code bits: 2 errors, 4 warnings, 8 informational. We keep the template free of all three.
        assertThat(lint.exitValue()).as("cfn-lint findings:%n%s", output).isZero();
    }

    @Test
    void functionRunsTheBridgeHandlerFromASnapStartVersionThatFollowsEveryChange() {
        JsonNode function = TEMPLATE.resource("TransformFunction");
        assertThat(function.path("Type").asText()).isEqualTo("AWS::Serverless::Function");
        JsonNode properties = function.path("Properties");
        assertThat(properties.path("Handler").asText())
                .isEqualTo(FirehoseTransformHandler.class.getName() + "::handleRequest");
        assertThat(CloudFormationTemplate.TEMPLATE.getParent().resolve(properties.path("CodeUri").asText()).normalize())
                .as("CodeUri, the jar `aws cloudformation package` uploads")
                .isEqualTo(Path.of("..", "lambda-bridge", "target", "dynamo-cdc-lambda.jar").normalize());
        assertThat(TEMPLATE.root().at("/Parameters/LambdaRuntime/AllowedValues"))
                .extracting(JsonNode::asText).allMatch(runtime -> runtime.matches("java(17|21|25)"));

        // SnapStart applies only to published versions, and a version is frozen: the alias must move on
        // every change of code or configuration, and Firehose must call the alias, not $LATEST.
        assertThat(properties.path("SnapStart").path("ApplyOn").asText()).isEqualTo("PublishedVersions");
        assertThat(properties.path("AutoPublishAlias").asText()).isNotEmpty();
        assertThat(properties.path("AutoPublishAliasAllProperties").asBoolean()).isTrue();
        assertThat(processorParameter("LambdaArn").path("Ref").asText()).isEqualTo("TransformFunction.Alias");
    }

    @Test
    void functionEnvironmentIsAValidBridgeConfiguration() {
        Map<String, String> environment = TEMPLATE.transformEnvironment();
        List<String> known = BridgeConfig.VARIABLES.stream().map(BridgeConfig.Variable::name).toList();
        assertThat(environment.keySet()).isSubsetOf(known);
        assertThatCode(() -> BridgeConfig.fromEnvironment(environment)).doesNotThrowAnyException();

        // Every choice a parameter offers must be one the function accepts.
        JsonNode variables = TEMPLATE.resource("TransformFunction").at("/Properties/Environment/Variables");
        variables.fields().forEachRemaining(variable -> {
            JsonNode parameter = TEMPLATE.root().path("Parameters").path(variable.getValue().path("Ref").asText());
            for (JsonNode allowed : parameter.path("AllowedValues")) {
                Map<String, String> changed = new HashMap<>(environment);
                changed.put(variable.getKey(), allowed.asText());
                assertThatCode(() -> BridgeConfig.fromEnvironment(changed))
                        .as("%s=%s", variable.getKey(), allowed.asText()).doesNotThrowAnyException();
            }
        });
    }

    @Test
    void s3PrefixUsesExactlyThePartitionKeysTheFunctionComputes() {
        JsonNode destination = TEMPLATE.resource("ChangesDeliveryStream").at("/Properties/ExtendedS3DestinationConfiguration");
        String prefix = destination.path("Prefix").asText();
        List<String> keysInPrefix = new ArrayList<>();
        Matcher key = Pattern.compile("!\\{partitionKeyFromLambda:([a-z_]+)}").matcher(prefix);
        while (key.find()) {
            keysInPrefix.add(key.group(1));
        }
        List<String> computed = BridgeConfig.fromEnvironment(TEMPLATE.transformEnvironment()).partitionKeys().stream()
                .map(PartitionKey::keyName).toList();
        assertThat(keysInPrefix).isEqualTo(computed).containsExactly("dt", "hour");
        assertThat(prefix).isEqualTo("cdc/orders/dt=!{partitionKeyFromLambda:dt}/hour=!{partitionKeyFromLambda:hour}/");
        assertThat(destination.at("/DynamicPartitioningConfiguration/Enabled").asBoolean()).isTrue();
        assertThat(destination.path("ErrorOutputPrefix").asText()).startsWith("cdc-errors/").doesNotStartWith("cdc/");

        // The Glue table reads where Firehose writes, with the same partition names.
        JsonNode table = TEMPLATE.resource("OrdersChangesTable").at("/Properties/TableInput");
        assertThat(table.at("/Parameters/storage.location.template/Fn::Sub").asText())
                .isEqualTo("s3://${DataBucket}/" + prefix.replace("!{partitionKeyFromLambda:", "${!").replace("}/", "}/"));
        assertThat(table.path("PartitionKeys")).extracting(column -> column.path("Name").asText())
                .containsExactlyElementsOf(keysInPrefix);
    }

    @Test
    void glueTableDeclaresTheSameColumnsAsTheAthenaDdl() throws IOException {
        JsonNode table = TEMPLATE.resource("OrdersChangesTable").at("/Properties/TableInput");
        Map<String, String> glueColumns = new LinkedHashMap<>();
        table.at("/StorageDescriptor/Columns").forEach(c -> glueColumns.put(c.path("Name").asText(), c.path("Type").asText()));
        Map<String, String> gluePartitions = new LinkedHashMap<>();
        table.path("PartitionKeys").forEach(c -> gluePartitions.put(c.path("Name").asText(), c.path("Type").asText()));

        AthenaDdl ddl = AthenaDdl.read();
        assertThat(glueColumns).containsExactlyEntriesOf(ddl.columns());
        assertThat(gluePartitions).containsExactlyEntriesOf(ddl.partitions());
        assertThat(table.at("/StorageDescriptor/SerdeInfo/SerializationLibrary").asText()).isEqualTo(ddl.serde());

        Map<String, String> glueProperties = new LinkedHashMap<>();
        table.path("Parameters").fields().forEachRemaining(p -> glueProperties.put(p.getKey(),
                p.getValue().isTextual() ? p.getValue().asText() : p.getValue().path("Fn::Sub").asText()));
        Map<String, String> ddlProperties = new LinkedHashMap<>();
        ddl.properties().forEach((name, value) -> ddlProperties.put(name,
                value.replace("s3://BUCKET/", "s3://${DataBucket}/").replace("${dt}", "${!dt}").replace("${hour}", "${!hour}")));
        assertThat(glueProperties).isEqualTo(ddlProperties);
    }

    @Test
    void iamGrantsNoWildcardActionAndNoWildcardResourceBeyondListStreams() {
        List<String> roles = TEMPLATE.resourcesOfType("AWS::IAM::Role");
        assertThat(roles).containsExactlyInAnyOrder("TransformFunctionRole", "FirehoseRole", "PipeRole");
        for (String role : roles) {
            for (JsonNode policy : TEMPLATE.resource(role).at("/Properties/Policies")) {
                for (JsonNode statement : policy.at("/PolicyDocument/Statement")) {
                    String where = role + "/" + policy.path("PolicyName").asText();
                    assertThat(statement.path("Effect").asText()).as(where).isEqualTo("Allow");
                    List<String> actions = texts(statement.path("Action"));
                    assertThat(actions).as(where).allMatch(action -> action.matches("[a-z0-9-]+:[A-Za-z]+"),
                            "a single named action (no * anywhere)");
                    List<String> resources = texts(statement.path("Resource"));
                    if (resources.contains("*")) {
                        // DynamoDB Streams' ListStreams has no resource-level permission; Pipes needs it.
                        assertThat(actions).as(where).containsExactly("dynamodb:ListStreams");
                    }
                }
            }
        }
        // The trust policies name their service, and the service's caller is this account.
        assertThat(TEMPLATE.resource("PipeRole").at("/Properties/AssumeRolePolicyDocument/Statement/0/Condition"
                + "/StringEquals/aws:SourceAccount/Ref").asText()).isEqualTo("AWS::AccountId");
        assertThat(TEMPLATE.resource("FirehoseRole").at("/Properties/AssumeRolePolicyDocument/Statement/0/Condition"
                + "/StringEquals/sts:ExternalId/Ref").asText()).isEqualTo("AWS::AccountId");
    }

    @Test
    void bucketIsEncryptedPrivateAndTlsOnly() {
        JsonNode bucket = TEMPLATE.resource("DataBucket").path("Properties");
        assertThat(bucket.at("/BucketEncryption/ServerSideEncryptionConfiguration/0/ServerSideEncryptionByDefault/SSEAlgorithm")
                .asText()).isNotEmpty();
        JsonNode block = bucket.path("PublicAccessBlockConfiguration");
        assertThat(List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"))
                .allMatch(setting -> block.path(setting).asBoolean(), "every public access block on");
        JsonNode tlsOnly = TEMPLATE.resource("DataBucketPolicy").at("/Properties/PolicyDocument/Statement/0");
        assertThat(tlsOnly.path("Effect").asText()).isEqualTo("Deny");
        assertThat(tlsOnly.at("/Condition/Bool/aws:SecureTransport").asText()).isEqualTo("false");
    }

    @Test
    void pipeBoundsItsRetriesAndKeepsWhatItCannotDeliver() {
        JsonNode stream = TEMPLATE.resource("ChangesPipe").at("/Properties/SourceParameters/DynamoDBStreamParameters");
        int retries = Integer.parseInt(TEMPLATE.valueWithDefaults(stream.path("MaximumRetryAttempts")));
        assertThat(retries).isBetween(0, 185);
        assertThat(stream.at("/DeadLetterConfig/Arn/Fn::GetAtt/0").asText()).isEqualTo("PipeDeadLetterQueue");
        assertThat(TEMPLATE.resource("PipeDeadLetterQueue").path("Type").asText()).isEqualTo("AWS::SQS::Queue");
        for (String parameter : List.of("StartingPosition", "BatchSize", "MaximumBatchingWindowInSeconds")) {
            assertThat(stream.path(parameter).has("Ref")).as("%s is a stack parameter", parameter).isTrue();
        }
    }

    private static JsonNode processorParameter(String name) {
        JsonNode processors = TEMPLATE.resource("ChangesDeliveryStream")
                .at("/Properties/ExtendedS3DestinationConfiguration/ProcessingConfiguration/Processors/0/Parameters");
        for (JsonNode parameter : processors) {
            if (name.equals(parameter.path("ParameterName").asText())) {
                return parameter.path("ParameterValue");
            }
        }
        throw new AssertionError("the Firehose Lambda processor has no " + name);
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(element -> texts.add(element.isTextual() ? element.asText() : element.toString()));
        } else {
            texts.add(node.isTextual() ? node.asText() : node.toString());
        }
        return texts;
    }
}
