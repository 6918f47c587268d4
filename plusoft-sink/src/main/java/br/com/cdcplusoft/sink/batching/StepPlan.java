package br.com.cdcplusoft.sink.batching;

import java.util.ArrayList;
import java.util.List;

/**
 * How a partition's records were cut into steps, as offset spans, written to the consumer group's
 * commit metadata before the first request of a poll is sent. A sink that crashes after Plusoft
 * accepted some of those requests, but before the poll's offsets were committed, leaves the plan
 * behind with the committed offset; the consumer that reads the partition next (after a restart or
 * a rebalance) cuts the same records the same way, so each request is rebuilt byte for byte and
 * carries the same Idempotency-Key, and Plusoft answers the repeats without applying them twice.
 * Without the plan the next poll usually holds more records than the crashed one and the first
 * request would cover a different range, with another key.
 *
 * <p>Metadata format: {@code steps:v1:<first>-<last>,<first>-<last>,...} (offsets of each step's
 * first and last record), at most {@link #MAX_LENGTH} characters (the broker's default
 * {@code offset.metadata.max.bytes} is 4096): the spans that do not fit are left out, and the records
 * they cover are planned afresh.
 */
public record StepPlan(List<Span> spans) {

    static final String PREFIX = "steps:v1:";
    static final int MAX_LENGTH = 4000;

    /** The offsets of a step's first and last record. */
    public record Span(long first, long last) {
    }

    public StepPlan {
        spans = List.copyOf(spans);
    }

    public static StepPlan of(List<Step> steps) {
        return new StepPlan(steps.stream().map(s -> new Span(s.first().record().offset(), s.last().record().offset())).toList());
    }

    public boolean isEmpty() {
        return spans.isEmpty();
    }

    /** Offset of the first record the plan covers. */
    public long first() {
        return spans.get(0).first();
    }

    /** Offset of the last record the plan covers. */
    public long last() {
        return spans.get(spans.size() - 1).last();
    }

    /** The plan's spans from the one starting at {@code offset} on (a requeue resumes mid-plan), or null. */
    public StepPlan from(long offset) {
        for (int i = 0; i < spans.size(); i++) {
            if (spans.get(i).first() == offset) {
                return new StepPlan(spans.subList(i, spans.size()));
            }
        }
        return null;
    }

    public String encode() {
        StringBuilder s = new StringBuilder(PREFIX);
        for (Span span : spans) {
            String part = (s.length() > PREFIX.length() ? "," : "") + span.first() + "-" + span.last();
            if (s.length() + part.length() > MAX_LENGTH) {
                break;
            }
            s.append(part);
        }
        return s.toString();
    }

    /** The plan in commit metadata, or null when the metadata holds none (or something else). */
    public static StepPlan decode(String metadata) {
        if (metadata == null || !metadata.startsWith(PREFIX) || metadata.length() == PREFIX.length()) {
            return null;
        }
        List<Span> spans = new ArrayList<>();
        try {
            for (String part : metadata.substring(PREFIX.length()).split(",")) {
                int dash = part.indexOf('-', 1);
                spans.add(new Span(Long.parseLong(part.substring(0, dash)), Long.parseLong(part.substring(dash + 1))));
            }
        } catch (RuntimeException e) {
            return null;
        }
        return new StepPlan(spans);
    }
}
