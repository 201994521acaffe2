package io.dynamocdc.testkit;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** AWS SDK v2 clients as users build them, pointed at an endpoint, with throwaway credentials. */
final class SdkClients {

    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "not-a-real-secret"));

    private SdkClients() {
    }

    static DynamoDbClient dynamoDb(URI endpoint, String region) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.of(region)).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(noRetries()).build();
    }

    static DynamoDbStreamsClient streams(URI endpoint, String region) {
        return DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(Region.of(region)).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(noRetries()).build();
    }

    /** Tests see each error as the service sent it, not after the SDK's retries. */
    private static ClientOverrideConfiguration noRetries() {
        return ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1))
                .apiCallTimeout(Duration.ofSeconds(30)).build();
    }
}
