package br.com.cdcplusoft.gateway.console;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's memory of the last {@code gateway.console.history}: one sample per refresh (per
 * entity: records delivered so far, and each stage's lag and consumed position), at most
 * {@code capacity} samples, the oldest dropped first. From it come the per-minute delivery chart,
 * the lag chart and each stage's rate. Kept in this gateway only: a restart starts it empty.
 * Thread-safe.
 */
final class ConsoleHistory {

    /** One entity at one instant; null where the value could not be read. */
    record Point(Long delivered, Long mapperLag, Long sinkLag, Long mapperConsumed, Long sinkConsumed) {
    }

    record Sample(Instant at, Map<String, Point> entities) {
    }

    private final int capacity;
    private final Deque<Sample> samples = new ArrayDeque<>();

    ConsoleHistory(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(Sample sample) {
        samples.addLast(sample);
        while (samples.size() > capacity) {
            samples.removeFirst();
        }
    }

    synchronized int size() {
        return samples.size();
    }

    /**
     * Records delivered per minute (America/Sao_Paulo has whole-hour offsets, so UTC minutes are its
     * minutes): for each minute from the first sampled one to the current one, the entity's growth
     * since the last sample before that minute. A sink that restarted (its total dropped) counts
     * from zero again rather than as a negative minute.
     */
    synchronized List<Minute> perMinute(List<String> entities, Instant now, int minutes) {
        Instant first = now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(minutes - 1L));
        List<Minute> result = new ArrayList<>();
        for (int i = 0; i < minutes; i++) {
            Instant minute = first.plus(Duration.ofMinutes(i));
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String entity : entities) {
                counts.put(entity, 0L);
            }
            result.add(new Minute(minute, counts));
        }
        Map<String, Long> previous = new LinkedHashMap<>();
        for (Sample s : samples) {
            int index = (int) Duration.between(first, s.at().truncatedTo(ChronoUnit.MINUTES)).toMinutes();
            for (String entity : entities) {
                Point p = s.entities().get(entity);
                if (p == null || p.delivered() == null) {
                    continue;
                }
                Long before = previous.put(entity, p.delivered());
                if (before == null || index < 0 || index >= minutes) {
                    continue;
                }
                long growth = p.delivered() >= before ? p.delivered() - before : p.delivered();
                result.get(index).entregues().merge(entity, growth, Long::sum);
            }
        }
        return result;
    }

    /** Lag per entity (mapper + sink) at most every {@code step}, oldest first. */
    synchronized List<LagPoint> lag(List<String> entities, Duration step) {
        List<LagPoint> result = new ArrayList<>();
        Instant last = null;
        Iterator<Sample> it = samples.iterator();
        while (it.hasNext()) {
            Sample s = it.next();
            if (last != null && Duration.between(last, s.at()).compareTo(step) < 0 && it.hasNext()) {
                continue;
            }
            last = s.at();
            Map<String, Long> byEntity = new LinkedHashMap<>();
            for (String entity : entities) {
                Point p = s.entities().get(entity);
                if (p != null && (p.mapperLag() != null || p.sinkLag() != null)) {
                    byEntity.put(entity, nz(p.mapperLag()) + nz(p.sinkLag()));
                }
            }
            result.add(new LagPoint(s.at(), byEntity));
        }
        return result;
    }

    /**
     * Records per second a stage consumed over the last {@code window}, from the growth of its
     * consumed position; null with fewer than two samples in the window.
     */
    synchronized Double rate(String entity, boolean mapper, Instant now, Duration window) {
        Sample oldest = null;
        Sample newest = null;
        for (Sample s : samples) {
            Point p = s.entities().get(entity);
            Long consumed = p == null ? null : mapper ? p.mapperConsumed() : p.sinkConsumed();
            if (consumed == null || s.at().isBefore(now.minus(window))) {
                continue;
            }
            if (oldest == null) {
                oldest = s;
            }
            newest = s;
        }
        if (oldest == null || oldest == newest) {
            return null;
        }
        double seconds = Duration.between(oldest.at(), newest.at()).toMillis() / 1000.0;
        long from = consumed(oldest, entity, mapper);
        long to = consumed(newest, entity, mapper);
        return seconds <= 0 ? null : Math.max(0, to - from) / seconds;
    }

    private static long consumed(Sample s, String entity, boolean mapper) {
        Point p = s.entities().get(entity);
        return mapper ? p.mapperConsumed() : p.sinkConsumed();
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }

    /** Records delivered per entity during the minute starting at {@code minuto}. */
    record Minute(Instant minuto, Map<String, Long> entregues) {
    }

    /** Lag (mapper + sink, records) per entity at {@code em}. */
    record LagPoint(Instant em, Map<String, Long> lag) {
    }
}
