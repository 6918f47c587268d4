package br.com.cdcplusoft.sink.sender;

/**
 * One request toward Plusoft.
 *
 * @param entity         for metrics and logs
 * @param method         POST, or DELETE for a configured delete path
 * @param path           relative to plusoft.base-url
 * @param body           JSON body
 * @param idempotencyKey sent as Idempotency-Key
 * @param records        number of records in the body, for logs
 */
public record PlusoftRequest(String entity, String method, String path, byte[] body, String idempotencyKey, int records) {

    @Override
    public String toString() {
        return method + " " + path + " (" + records + " records, " + body.length + " bytes)";
    }
}
