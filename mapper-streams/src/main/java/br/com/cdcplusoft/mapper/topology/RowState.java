package br.com.cdcplusoft.mapper.topology;

import br.com.cdcplusoft.core.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What the mapper remembers per source row (state store {@code <entidade>-rows}, keyed by the
 * canonical source key): the Plusoft key and payload hash it last emitted, and when it last saw
 * the row, for the unchanged-payload check and for deleting rows a snapshot run did not see.
 *
 * <p>Stored in a small binary form (version byte {@value #FORMAT}, then the fields), one per row
 * and written on every change, so the store and its changelog cost a fraction of the JSON the
 * first versions wrote; that JSON ({@code {"plusoftKey":...}}) is still read, so a store written by
 * an older mapper keeps working and is rewritten in the new form as rows change.
 *
 * @param plusoftKey  the key of the payload last emitted for this row, as the compact JSON bytes written to
 *                    {@code plusoft.<entidade>}
 * @param hash        SHA-256 of that payload's JSON bytes
 * @param lastRunId   the last snapshot run that carried this row, or null
 * @param lastOffset  offset of the last change event for this row on its partition
 * @param emittedAt   timestamp of the change event whose payload was last emitted (0 when unknown), or just after
 *                    the sink dead letter that emission answered: a sink dead letter for the Plusoft key at or
 *                    after it means Plusoft does not hold that payload
 */
record RowState(byte[] plusoftKey, byte[] hash, String lastRunId, long lastOffset, long emittedAt) {

    /** First byte of the binary form; the JSON form starts with '{'. */
    static final byte FORMAT = 1;

    RowState seen(String runId, long offset) {
        return new RowState(plusoftKey, hash, runId != null ? runId : lastRunId, offset, emittedAt);
    }

    /** Whether the row's last emitted payload was this one, under this Plusoft key. */
    boolean emitted(byte[] key, byte[] payloadHash) {
        return Arrays.equals(hash, payloadHash) && Arrays.equals(plusoftKey, key);
    }

    boolean sameKey(byte[] key) {
        return Arrays.equals(plusoftKey, key);
    }

    static Serde<RowState> serde() {
        return Serdes.serdeFrom(RowState::write, RowState::read);
    }

    static byte[] write(String topic, RowState state) {
        if (state == null) {
            return null;
        }
        byte[] run = state.lastRunId == null ? null : state.lastRunId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(1 + 4 + state.plusoftKey.length + 1 + state.hash.length + 4
                + (run == null ? 0 : run.length) + 8 + 8);
        out.put(FORMAT).putInt(state.plusoftKey.length).put(state.plusoftKey)
                .put((byte) state.hash.length).put(state.hash);
        if (run == null) {
            out.putInt(-1);
        } else {
            out.putInt(run.length).put(run);
        }
        return out.putLong(state.lastOffset).putLong(state.emittedAt).array();
    }

    static RowState read(String topic, byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        if (bytes[0] == '{') {
            return readJson(topic, bytes);
        }
        if (bytes[0] != FORMAT) {
            throw new SerializationException("row state in " + topic + " has unknown format " + bytes[0]);
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
            byte[] key = new byte[in.getInt()];
            in.get(key);
            byte[] hash = new byte[in.get()];
            in.get(hash);
            int runLength = in.getInt();
            String run = null;
            if (runLength >= 0) {
                run = new String(bytes, in.position(), runLength, StandardCharsets.UTF_8);
                in.position(in.position() + runLength);
            }
            return new RowState(key, hash, run, in.getLong(), in.getLong());
        } catch (RuntimeException e) {
            throw new SerializationException("row state in " + topic + " is truncated or corrupt", e);
        }
    }

    /** The JSON form written before the binary one: {"plusoftKey":{...},"hash":"<base64>",...}. */
    private static RowState readJson(String topic, byte[] bytes) {
        try {
            JsonNode json = Json.mapper().readTree(bytes);
            JsonNode run = json.get("lastRunId");
            return new RowState(Json.mapper().writeValueAsBytes(json.get("plusoftKey")),
                    Base64.getDecoder().decode(json.get("hash").asString()),
                    run == null || run.isNull() ? null : run.asString(),
                    json.path("lastOffset").asLong(), json.path("emittedAt").asLong(0));
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new SerializationException("row state in " + topic + " is neither the binary nor the JSON form", e);
        }
    }
}
