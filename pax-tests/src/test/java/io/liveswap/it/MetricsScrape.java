package io.liveswap.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One scrape of a Prometheus text-format endpoint over HTTP: each sample line as its series (name and labels exactly
 * as written, e.g. {@code liveswap_unit_swaps_total{unit="notebook"}}) and its value.
 */
final class MetricsScrape {

    private final Map<String, Double> samples;
    private final String text;

    private MetricsScrape(String text) {
        this.text = text;
        Map<String, Double> parsed = new HashMap<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                parsed.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        this.samples = parsed;
    }

    /** GETs the URL; fails unless it answers 200 with the Prometheus text format. */
    static MetricsScrape of(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(10_000);
        try (InputStream in = connection.getInputStream()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (connection.getResponseCode() != 200 || !connection.getContentType().startsWith("text/plain")) {
                throw new AssertionError(url + " answered " + connection.getResponseCode() + " "
                        + connection.getContentType());
            }
            return new MetricsScrape(body);
        } finally {
            connection.disconnect();
        }
    }

    /** The value of a series; fails naming the scrape if it is missing. */
    double value(String series) {
        Double value = samples.get(series);
        if (value == null) {
            throw new AssertionError("no series " + series + " in the scrape:\n" + text);
        }
        return value;
    }

    /** The value of a series, or 0 if the scrape has none (a labelled counter appears with its first event). */
    double valueOrZero(String series) {
        return samples.getOrDefault(series, 0.0);
    }

    boolean has(String series) {
        return samples.containsKey(series);
    }

    @Override
    public String toString() {
        return text;
    }
}
