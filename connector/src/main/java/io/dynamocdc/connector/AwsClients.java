package io.dynamocdc.connector;

import java.net.URI;
import java.time.Duration;
import org.apache.kafka.connect.errors.ConnectException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The DynamoDB and DynamoDB Streams clients of one connector or task, built from its configuration:
 * region, endpoint, credentials (static keys, the default chain, or a role assumed with either).
 */
final class AwsClients implements AutoCloseable {

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final StsClient sts;
    final DynamoDbClient dynamoDb;
    final DynamoDbStreamsClient streams;

    AwsClients(DynamoDbStreamsSourceConnectorConfig config) {
        this.http = Apache5HttpClient.builder().maxConnections(16).connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(30)).build();
        Region region = Region.of(config.region());
        AwsCredentialsProvider base = baseCredentials(config);
        if (config.roleArn().isPresent()) {
            var stsBuilder = StsClient.builder().region(region).httpClient(http).credentialsProvider(base);
            this.sts = stsBuilder.build();
            this.credentials = StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                    .refreshRequest(request -> {
                        request.roleArn(config.roleArn().get()).roleSessionName(config.roleSessionName());
                        config.roleExternalId().ifPresent(request::externalId);
                    }).build();
        } else {
            this.sts = null;
            this.credentials = base;
        }
        // Server errors and timeouts are retried by the SDK (standard mode, backoff with jitter); throttling is
        // left to the task, which backs off per shard.
        ClientOverrideConfiguration overrides = ClientOverrideConfiguration.builder()
                .retryStrategy(b -> b.maxAttempts(5)).apiCallTimeout(Duration.ofSeconds(60)).build();
        var db = DynamoDbClient.builder().region(region).httpClient(http).credentialsProvider(credentials)
                .overrideConfiguration(overrides);
        var streamsBuilder = DynamoDbStreamsClient.builder().region(region).httpClient(http).credentialsProvider(credentials)
                .overrideConfiguration(overrides.toBuilder().addExecutionInterceptor(new WireGetRecords()).build());
        config.endpointUrl().map(URI::create).ifPresent(endpoint -> {
            db.endpointOverride(endpoint);
            streamsBuilder.endpointOverride(endpoint);
        });
        this.dynamoDb = db.build();
        this.streams = streamsBuilder.build();
    }

    private static AwsCredentialsProvider baseCredentials(DynamoDbStreamsSourceConnectorConfig config) {
        if (config.profile().isPresent()) {
            String profile = config.profile().get();
            ProfileFile files = ProfileFile.defaultProfileFile();
            if (files.profile(profile).isEmpty()) {
                throw new ConnectException(missingProfile(profile));
            }
            return ProfileCredentialsProvider.builder().profileFile(files).profileName(profile).build();
        }
        if (config.accessKeyId().isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        String key = config.accessKeyId().get();
        String secret = config.secretAccessKey().value();
        return StaticCredentialsProvider.create(config.sessionToken()
                .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(token -> AwsSessionCredentials.create(key, secret, token))
                .orElseGet(() -> AwsBasicCredentials.create(key, secret)));
    }

    /** Why a named profile cannot be used: where the worker looked for it. */
    static String missingProfile(String profile) {
        String credentials = System.getenv().getOrDefault("AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials");
        String configFile = System.getenv().getOrDefault("AWS_CONFIG_FILE", "~/.aws/config");
        return "aws.profile: the worker's shared AWS files (" + credentials + ", " + configFile + ") have no profile '"
                + profile + "'";
    }

    @Override
    public void close() {
        streams.close();
        dynamoDb.close();
        if (sts != null) {
            sts.close();
        }
        if (credentials instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing anyway
            }
        }
        http.close();
    }
}
