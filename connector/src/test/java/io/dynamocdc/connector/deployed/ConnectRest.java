package io.dynamocdc.connector.deployed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** The parts of Connect's REST API an operator uses, as curl would call them. */
final class ConnectRest {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;

    ConnectRest(URI base) {
        this.base = base;
    }

    /** An answer: its status and JSON body (null when empty). */
    record Answer(int status, JsonNode body) {
        Answer expect(int wanted) {
            if (status != wanted) {
                throw new IllegalStateException("HTTP " + status + " (expected " + wanted + "): " + body);
            }
            return this;
        }

        Answer expectSuccess() {
            if (status / 100 != 2) {
                throw new IllegalStateException("HTTP " + status + ": " + body);
            }
            return this;
        }
    }

    /** Whether the worker has joined its group and serves requests (KIP-1017's health check). */
    boolean ready() {
        try {
            return call("GET", "/health", null).status() == 200;
        } catch (UncheckedIOException notYet) {
            return false;
        }
    }

    JsonNode plugins() {
        return call("GET", "/connector-plugins?connectorsOnly=false", null).expect(200).body();
    }

    JsonNode validate(String connectorClass, Map<String, String> config) {
        return call("PUT", "/connector-plugins/" + encode(connectorClass) + "/config/validate", JSON.valueToTree(config))
                .expect(200).body();
    }

    void create(String name, Map<String, String> config, String initialState) {
        ObjectNode body = JSON.createObjectNode().put("name", name);
        body.set("config", JSON.valueToTree(config));
        body.put("initial_state", initialState);
        call("POST", "/connectors", body).expect(201);
    }

    /** The status, or null while the connector is not (yet) known to this worker. */
    JsonNode status(String name) {
        Answer answer = call("GET", "/connectors/" + encode(name) + "/status", null);
        return answer.status() == 200 ? answer.body() : null;
    }

    void stopConnector(String name) {
        call("PUT", "/connectors/" + encode(name) + "/stop", null).expectSuccess();
    }

    void resume(String name) {
        call("PUT", "/connectors/" + encode(name) + "/resume", null).expectSuccess();
    }

    JsonNode offsets(String name) {
        return call("GET", "/connectors/" + encode(name) + "/offsets", null).expect(200).body();
    }

    Answer alterOffsets(String name, JsonNode offsets) {
        return call("PATCH", "/connectors/" + encode(name) + "/offsets", offsets);
    }

    Answer resetOffsets(String name) {
        return call("DELETE", "/connectors/" + encode(name) + "/offsets", null);
    }

    Answer call(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(90))
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new Answer(response.statusCode(), text == null || text.isBlank() ? null : JSON.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + base.resolve(path) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
