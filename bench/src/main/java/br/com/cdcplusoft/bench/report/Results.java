package br.com.cdcplusoft.bench.report;

import br.com.cdcplusoft.bench.baseline.OriginalAlgorithm;
import br.com.cdcplusoft.bench.pipeline.ChangeLatency;
import br.com.cdcplusoft.bench.pipeline.Delivery;
import br.com.cdcplusoft.bench.raw.RawLimits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** Everything one benchmark run measured, filled phase by phase; the report reads it. */
public final class Results {

    public String command;
    public String startedAt;
    public String machine;
    public String loadAtStart;
    public String loadAtEnd;
    public String database;
    public String broker;
    public String receiver;
    public long rows;
    public long scalingBase;
    public String heap;
    public String standaloneHeap;
    public final List<RawLimits.Rate> raw = new ArrayList<>();
    public RawLimits.Rate producer;
    public final Map<Long, OriginalAlgorithm.Result> baseline = new TreeMap<>();
    /** Forced re-syncs with one JVM per service, by rows. */
    public final Map<Long, Delivery.Measure> pipeline = new TreeMap<>();
    public Delivery.Measure standalone;
    public ChangeLatency.Result latency;
    /** CPU share of a core per process while the pipeline runs with no changes (polling only), by row count. */
    public final Map<Long, Map<String, Double>> idleCpu = new TreeMap<>();
    /** CPU share of a core per process during the latency phase. */
    public final Map<String, Double> latencyCpu = new LinkedHashMap<>();
    /** The gateway's view of each forced run, by run label. */
    public final Map<String, JsonNode> runStatus = new LinkedHashMap<>();
    /** Hot methods per service, by run label. */
    public final Map<String, List<Profiles.Profile>> profiles = new LinkedHashMap<>();
    /** Phases left out, failures, anything a reader must know to read the figures. */
    public final List<String> notes = new ArrayList<>();
    public String workDir;
}
