package br.com.cdcplusoft.sink.batching;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Idempotency-Key of a request: SHA-256 (hex) over the entity, method, path, the exact record
 * coordinates (topic, partition, first and last offset, count) and the body bytes.
 *
 * <p>Retries and redeliveries after a crash send the same records from the same offsets, so they
 * carry the same key and Plusoft can drop the repeat. The coordinates are part of it on purpose: an
 * identical payload published again later (a forced re-sync) is a new request that must be applied,
 * not mistaken for a repeat. The body is part of it so that a changed route or wrapper is a new key.
 */
public final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    public static String of(String entity, String method, String path, Step step, byte[] body) {
        MessageDigest digest = sha256();
        String coordinates = String.join("\n", entity, method, path, step.first().record().topic(),
                Integer.toString(step.first().record().partition()), Long.toString(step.first().record().offset()),
                Long.toString(step.last().record().offset()), Integer.toString(step.size()), "");
        digest.update(coordinates.getBytes(StandardCharsets.UTF_8));
        digest.update(body);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
