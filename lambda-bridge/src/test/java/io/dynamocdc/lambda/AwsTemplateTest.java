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
                .isEqualTo("s3://${DataBucket}/" + prefix.replace("!{partitionKeyFromLambda:", "${!"));
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
                value.replace("s3://BUCKET/", "s3://${DataBucket}/").replace("FIRST_DATE", "${FirstChangeDate}")
                        .replace("${dt}", "${!dt}").replace("${hour}", "${!hour}")));
        assertThat(glueProperties).isEqualTo(ddlProperties);
    }

    /**
     * The complete list of what each role may do, resource by resource. Any widening (a wildcard, a
     * whole bucket, an unqualified function) or narrowing that would break the pipeline fails here;
     * resources are named through the parts of the template that use them.
     */
    @Test
    void iamGrantsExactlyWhatEachServiceNeedsOnTheStacksOwnResources() {
        assertThat(TEMPLATE.resourcesOfType("AWS::IAM::Role"))
                .containsExactlyInAnyOrder("TransformFunctionRole", "FirehoseRole", "PipeRole");

        String functionLogs = "!Sub ${" + ref(TEMPLATE.resource("TransformFunction").at("/Properties/LoggingConfig/LogGroup")) + ".Arn}";
        assertThat(grants("TransformFunctionRole")).containsExactlyInAnyOrder(
                "logs:CreateLogStream on " + functionLogs,
                "logs:PutLogEvents on " + functionLogs);

        JsonNode destination = TEMPLATE.resource("ChangesDeliveryStream").at("/Properties/ExtendedS3DestinationConfiguration");
        String bucket = describe(destination.path("BucketARN"));
        assertThat(bucket).isEqualTo("!GetAtt DataBucket.Arn");
        String rows = "!Sub ${DataBucket.Arn}/" + firstSegment(destination.path("Prefix").asText()) + "/*";
        String errors = "!Sub ${DataBucket.Arn}/" + firstSegment(destination.path("ErrorOutputPrefix").asText()) + "/*";
        String function = describe(processorParameter("LambdaArn"));
        String deliveryLogs = "!Sub ${" + ref(destination.at("/CloudWatchLoggingOptions/LogGroupName")) + ".Arn}";
        assertThat(grants("FirehoseRole")).containsExactlyInAnyOrder(
                "s3:GetBucketLocation on " + bucket,
                "s3:ListBucket on " + bucket,
                "s3:ListBucketMultipartUploads on " + bucket,
                "s3:AbortMultipartUpload on " + rows, "s3:AbortMultipartUpload on " + errors,
                "s3:GetObject on " + rows, "s3:GetObject on " + errors,
                "s3:PutObject on " + rows, "s3:PutObject on " + errors,
                "lambda:InvokeFunction on " + function,
                "lambda:GetFunctionConfiguration on " + function,
                "logs:PutLogEvents on " + deliveryLogs);

        JsonNode pipe = TEMPLATE.resource("ChangesPipe").path("Properties");
        String stream = describe(pipe.path("Source"));
        assertThat(grants("PipeRole")).containsExactlyInAnyOrder(
                "dynamodb:DescribeStream on " + stream,
                "dynamodb:GetRecords on " + stream,
                "dynamodb:GetShardIterator on " + stream,
                // ListStreams has no resource-level permission; Pipes calls it.
                "dynamodb:ListStreams on *",
                "firehose:PutRecordBatch on " + describe(pipe.path("Target")),
                "sqs:SendMessage on " + describe(pipe.at("/SourceParameters/DynamoDBStreamParameters/DeadLetterConfig/Arn")));

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
                .asText()).isIn("AES256", "aws:kms");
        JsonNode block = bucket.path("PublicAccessBlockConfiguration");
        assertThat(List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"))
                .allMatch(setting -> block.path(setting).asBoolean(), "every public access block on");
        JsonNode policy = TEMPLATE.resource("DataBucketPolicy").path("Properties");
        assertThat(ref(policy.path("Bucket"))).isEqualTo("DataBucket");
        JsonNode tlsOnly = policy.at("/PolicyDocument/Statement/0");
        assertThat(tlsOnly.path("Effect").asText()).isEqualTo("Deny");
        assertThat(tlsOnly.path("Principal").asText()).isEqualTo("*");
        assertThat(tlsOnly.path("Action").asText()).isEqualTo("s3:*");
        assertThat(texts(tlsOnly.path("Resource"))).containsExactlyInAnyOrder("!GetAtt DataBucket.Arn", "!Sub ${DataBucket.Arn}/*");
        assertThat(tlsOnly.at("/Condition/Bool/aws:SecureTransport").asText()).isEqualTo("false");
    }

    @Test
    void pipeBoundsItsRetriesAndKeepsWhatItCannotDeliver() {
        JsonNode stream = TEMPLATE.resource("ChangesPipe").at("/Properties/SourceParameters/DynamoDBStreamParameters");
        // -1 would mean retry until the record expires (24 h), blocking its shard all that time.
        JsonNode retries = TEMPLATE.root().path("Parameters").path(ref(stream.path("MaximumRetryAttempts")));
        assertThat(retries.path("MinValue").asInt(-1)).isGreaterThanOrEqualTo(0);
        assertThat(retries.path("Default").asInt(-1)).isGreaterThanOrEqualTo(0);
        assertThat(stream.path("OnPartialBatchItemFailure").asText()).isEqualTo("AUTOMATIC_BISECT");
        assertThat(describe(stream.at("/DeadLetterConfig/Arn"))).isEqualTo("!GetAtt PipeDeadLetterQueue.Arn");
        assertThat(TEMPLATE.resource("PipeDeadLetterQueue").path("Type").asText()).isEqualTo("AWS::SQS::Queue");
        for (String parameter : List.of("StartingPosition", "BatchSize", "MaximumBatchingWindowInSeconds")) {
            assertThat(stream.path(parameter).has("Ref")).as("%s is a stack parameter", parameter).isTrue();
        }
        // A Pipe hands Firehose at most 500 records per call.
        assertThat(TEMPLATE.root().at("/Parameters/" + ref(stream.path("BatchSize")) + "/MaxValue").asInt()).isLessThanOrEqualTo(500);
    }

    @Test
    void firehoseBuffersWithinWhatDynamicPartitioningAllows() {
        JsonNode hints = TEMPLATE.resource("ChangesDeliveryStream").at("/Properties/ExtendedS3DestinationConfiguration/BufferingHints");
        JsonNode parameters = TEMPLATE.root().path("Parameters");
        assertThat(parameters.path(ref(hints.path("SizeInMBs"))).path("MinValue").asInt()).isGreaterThanOrEqualTo(64);
        assertThat(parameters.path(ref(hints.path("IntervalInSeconds"))).path("MinValue").asInt()).isGreaterThanOrEqualTo(60);
        // Lambda processor buffers: 1–3 MB (so the answer stays under Lambda's 6 MB), 60–900 s.
        JsonNode size = parameters.path(ref(processorParameter("BufferSizeInMBs")));
        assertThat(size.path("MinValue").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(size.path("MaxValue").asInt()).isLessThanOrEqualTo(3);
    }

    /** Every "action on resource" the role's inline policies allow. */
    private static List<String> grants(String role) {
        List<String> grants = new ArrayList<>();
        for (JsonNode policy : TEMPLATE.resource(role).at("/Properties/Policies")) {
            for (JsonNode statement : policy.at("/PolicyDocument/Statement")) {
                assertThat(statement.path("Effect").asText()).as(role).isEqualTo("Allow");
                assertThat(statement.has("NotAction") || statement.has("NotResource")).as(role).isFalse();
                for (String action : texts(statement.path("Action"))) {
                    for (String resource : texts(statement.path("Resource"))) {
                        grants.add(action + " on " + resource);
                    }
                }
            }
        }
        return grants;
    }

    private static String ref(JsonNode node) {
        if (!node.path("Ref").isTextual()) {
            throw new AssertionError("expected a Ref, found " + node);
        }
        return node.path("Ref").asText();
    }

    private static String firstSegment(String prefix) {
        return prefix.substring(0, prefix.indexOf('/'));
    }

    /** A template value in short form: a literal, {@code !Ref x}, {@code !GetAtt a.b}, {@code !Sub …}, {@code !If […]}. */
    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isObject() && node.size() == 1) {
            Map.Entry<String, JsonNode> function = node.fields().next();
            String name = function.getKey().replace("Fn::", "");
            JsonNode argument = function.getValue();
            if (name.equals("GetAtt")) {
                return "!GetAtt " + argument.get(0).asText() + "." + argument.get(1).asText();
            }
            if (argument.isArray()) {
                List<String> arguments = new ArrayList<>();
                argument.forEach(a -> arguments.add(describe(a)));
                return "!" + name + " " + arguments;
            }
            return "!" + name + " " + describe(argument);
        }
        return node.toString();
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
            node.forEach(element -> texts.add(describe(element)));
        } else {
            texts.add(describe(node));
        }
        return texts;
    }
}
