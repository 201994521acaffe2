package io.dynamocdc.testkit.witness;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** One DynamoDB + DynamoDB Streams endpoint, reached with the AWS SDK exactly as users reach AWS. */
record Backend(String name, DynamoDbClient db, DynamoDbStreamsClient streams) implements AutoCloseable {

    static final Region REGION = Region.EU_WEST_1;

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDWITNESS", "not-a-real-secret"));

    static Backend at(String name, URI endpoint) {
        return new Backend(name,
                DynamoDbClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS)
                        .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(noRetries()).build(),
                DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS)
                        .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(noRetries()).build());
    }

    /** Each answer is compared as the service sent it, not after the SDK retried. */
    private static ClientOverrideConfiguration noRetries() {
        return ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1))
                .apiCallTimeout(Duration.ofSeconds(20)).build();
    }

    @Override
    public void close() {
        db.close();
        streams.close();
    }
}
