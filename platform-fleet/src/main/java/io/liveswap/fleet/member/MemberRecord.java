package io.liveswap.fleet.member;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import io.liveswap.api.UnitDTO;
import io.liveswap.updates.ProbationDTO;

/**
 * What a member publishes in its ZooKeeper node: its id, host and process, and per unit the version it serves,
 * whether it serves, and its probation. Encoded as Java properties text (keys sorted, no date comment), so the node
 * reads with any ZooKeeper tool and the same state always encodes to the same bytes (an unchanged state is not
 * written again).
 *
 * @param values the properties, sorted by key
 */
public record MemberRecord(Map<String, String> values) {

    /** The record of this container now. */
    static MemberRecord of(String id, String host, long pid, List<UnitDTO> units, List<ProbationDTO> probations) {
        Map<String, String> values = new TreeMap<>();
        values.put("id", id);
        values.put("host", host);
        values.put("pid", Long.toString(pid));
        for (UnitDTO unit : units) {
            values.put("unit." + unit.name, unit.version == null ? "-" : unit.version);
            values.put("unit." + unit.name + ".serving", Boolean.toString(unit.available));
        }
        for (ProbationDTO probation : probations) {
            values.put("probation." + probation.unit, probation.to + " until " + probation.until + " reverts to "
                    + probation.from);
        }
        return new MemberRecord(values);
    }

    /** @return the record as node data */
    public byte[] encode() {
        StringBuilder out = new StringBuilder();
        values.forEach((key, value) -> out.append(escape(key)).append('=').append(escape(value)).append('\n'));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @return the record in a node's data; an empty record for data that is no record */
    public static MemberRecord decode(byte[] data) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(new String(data == null ? new byte[0] : data, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException notARecord) {
            return new MemberRecord(Map.of());
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
        return new MemberRecord(values);
    }

    /** @return each unit's version, by unit name */
    public Map<String, String> units() {
        Map<String, String> units = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith("unit.") && !key.endsWith(".serving")) {
                units.put(key.substring("unit.".length()), value);
            }
        });
        return units;
    }

    /** @return each probation, by unit name */
    public Map<String, String> probations() {
        Map<String, String> probations = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith("probation.")) {
                probations.put(key.substring("probation.".length()), value);
            }
        });
        return probations;
    }

    private static String escape(String text) {
        Properties one = new Properties();
        one.setProperty("k", text);
        StringWriter out = new StringWriter();
        try {
            one.store(out, null);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        String line = out.toString().lines().filter(l -> l.startsWith("k=")).findFirst().orElse("k=");
        return line.substring(2);
    }
}
