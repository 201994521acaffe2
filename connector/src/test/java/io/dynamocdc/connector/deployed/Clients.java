package io.dynamocdc.connector.deployed;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The application's SDK clients: it writes the tables, and the tests look at their streams. */
final class Clients {

    static final String TEST_KEY = "AKIDAPPLICATION";
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(TEST_KEY, "application-secret"));

    private Clients() {
    }

    static DynamoDbClient dynamoDb(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.EU_WEST_1).credentialsProvider(CREDENTIALS)
                .httpClient(Apache5HttpClient.create()).build();
    }

    static DynamoDbStreamsClient streams(URI endpoint) {
        return DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(Region.EU_WEST_1).credentialsProvider(CREDENTIALS)
                .httpClient(Apache5HttpClient.create()).build();
    }
}
