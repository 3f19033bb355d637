using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Sandbox.Fleet;

/// <summary>
/// Steps the fleet one sample at a time: for every server, its workload's demand against the capacity it runs on
/// gives the utilisation the agent reports (<see cref="MetricEvent"/>, sequence numbers per agent). The simulator
/// keeps the ground truth: exhaustion events (a resource at or above its threshold for k consecutive samples),
/// failures (scheduled hardware failures, unless the server has moved to another VM; out-of-memory when a leak fills
/// the memory) and per-server load. A failed server sends nothing for <see cref="FleetOptions.RecoveryTime"/>, then
/// restarts (its leak starts over).
/// <para>
/// Live, <see cref="FleetAgents"/> steps it on the accelerated clock. <see cref="RunCounterfactual"/> replays the
/// same fleet (same seed, same noise) with every server left on its initial size, without a clock: "prediction off".
/// Not thread-safe for stepping; <see cref="Snapshot"/> may be called from any thread.
/// </para>
/// </summary>
public sealed class FleetSimulator
{
    private const double BytesPerGb = 1024d * 1024 * 1024;

    private readonly Lock _gate = new();
    private readonly ServerState[] _states;
    private readonly string[] _ids;
    private readonly List<ExhaustionEvent> _exhaustions = [];
    private readonly List<FailureEvent> _failures = [];
    private long _sample;

    public FleetSimulator(FleetOptions options, IReadOnlyList<SimulatedServer> servers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(servers);
        options.Validate();
        Options = options;
        Servers = servers;
        _ids = [.. servers.Select(s => s.ServerId)];
        _states = [.. servers.Select(s =>
        {
            var size = options.Size(s.InitialSize) ?? throw new InvalidOperationException($"Fleet: server {s.ServerId} starts on unknown size '{s.InitialSize}'");
            return new ServerState(s, new ServerCapacity(size.Name, size.Cores, size.MemoryGb, "vm/" + s.ServerId), options.Start);
        })];
    }

    /// <summary>A synthetic fleet drawn from <paramref name="options"/> (its seed and mix).</summary>
    public static FleetSimulator Synthetic(FleetOptions options) => new(options, FleetGenerator.Synthetic(options));

    /// <summary>A fleet replaying the CSV traces of a directory (<c>--trace-dir</c>).</summary>
    public static FleetSimulator FromTraceDirectory(FleetOptions options, string directory) =>
        new(options, FleetGenerator.FromTraces(options, TraceSeries.LoadDirectory(directory)));

    public FleetOptions Options { get; }

    public IReadOnlyList<SimulatedServer> Servers { get; }

    public IReadOnlyList<string> ServerIds => _ids;

    /// <summary>The simulated time of the next sample.</summary>
    public DateTimeOffset NextSampleTime => Options.Start + (Options.SamplingInterval * _sample);

    /// <summary>Samples taken so far (per server).</summary>
    public long SamplesTaken => _sample;

    /// <summary>Takes the next sample of every server, with capacities from <paramref name="capacity"/>.</summary>
    public async Task<IReadOnlyList<MetricEvent>> StepAsync(ICapacitySource capacity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(capacity);
        var capacities = await capacity.GetCapacitiesAsync(_ids, cancellationToken).ConfigureAwait(false);
        return Step(capacities);
    }

    /// <summary>Takes the next sample; a server missing from <paramref name="capacities"/> keeps its last capacity.</summary>
    public IReadOnlyList<MetricEvent> Step(IReadOnlyDictionary<string, ServerCapacity> capacities)
    {
        ArgumentNullException.ThrowIfNull(capacities);
        var time = NextSampleTime;
        var events = new List<MetricEvent>(_states.Length);
        lock (_gate)
        {
            foreach (var state in _states)
            {
                if (capacities.TryGetValue(state.Server.ServerId, out var capacity))
                {
                    state.Capacity = capacity;
                    state.OriginalVmId ??= capacity.VmId;
                }

                if (Sample(state, time, _sample) is { } e)
                {
                    events.Add(e);
                }
            }

            _sample++;
        }

        return events;
    }

    /// <summary>The ground truth so far.</summary>
    public FleetRunResult Snapshot()
    {
        lock (_gate)
        {
            return new FleetRunResult(Options.Start, NextSampleTime, [.. _exhaustions], [.. _failures], [.. _states.Select(s => s.Load())]);
        }
    }

    /// <summary>
    /// The counterfactual ("prediction off"): the same servers and noise over <paramref name="duration"/> of simulated
    /// time from the start, every server left on its initial size, stepped as fast as possible (no clock, no app).
    /// </summary>
    public FleetRunResult RunCounterfactual(TimeSpan duration) => RunOffline(duration, FixedCapacitySource.For(this));

    /// <summary>Runs a fresh copy of this fleet offline over <paramref name="duration"/> with the given capacities.</summary>
    public FleetRunResult RunOffline(TimeSpan duration, FixedCapacitySource capacities)
    {
        ArgumentNullException.ThrowIfNull(capacities);
        var copy = new FleetSimulator(Options, Servers);
        var steps = (long)Math.Ceiling(duration / Options.SamplingInterval);
        for (var i = 0; i < steps; i++)
        {
            copy.Step(capacities.Current);
        }

        return copy.Snapshot();
    }

    private MetricEvent? Sample(ServerState s, DateTimeOffset time, long sample)
    {
        var capacity = s.Capacity;
        var workload = s.Server.Workload;
        if (s.DownUntil is { } down)
        {
            if (time < down)
            {
                s.DownSamples++;
                return null;
            }

            s.DownUntil = null;
            s.RestartedAt = time;
        }

        var onOriginalVm = s.OriginalVmId is null || s.OriginalVmId == capacity.VmId;
        if (workload.FailureAt is { } failAt && !s.HardwareFailed && time >= failAt)
        {
            s.HardwareFailed = true;
            if (onOriginalVm)
            {
                GoDown(s, time, "hardware");
                s.DownSamples++;
                return null;
            }
        }

        var demand = workload.Demand(time, sample, time - s.RestartedAt);
        var cpuPercent = Math.Min(100, 100 * demand.CpuCores / capacity.Cores);
        var memoryPercent = Math.Min(100, 100 * demand.MemoryGb / capacity.MemoryGb);
        var saturation = Math.Max(cpuPercent, memoryPercent) / 100;
        var latency = demand.BaseLatencyMs * Math.Pow(1 + (4 * Math.Max(0, saturation - 0.75) / 0.25), 2);
        var errors = demand.ErrorsPerSample + (cpuPercent >= 98 ? Math.Round(5 * (demand.CpuCores / capacity.Cores)) : 0);
        if (workload.FailureAt is { } f && onOriginalVm && time < f && time >= f - workload.PrecursorLead && workload.PrecursorLead > TimeSpan.Zero)
        {
            var progress = 1 - ((f - time) / workload.PrecursorLead);
            latency *= 1 + (1.5 * progress);
            errors += Math.Round(25 * progress * progress * (1 + (0.2 * DeterministicNoise.Normal(Options.Seed, s.Server.Index, sample, 8))));
        }

        s.Sequence++;
        var e = new MetricEvent
        {
            ServerId = s.Server.ServerId,
            Timestamp = time,
            Sequence = s.Sequence,
            AgentVersion = Options.AgentVersion,
            CpuCores = capacity.Cores,
            CpuPercent = Math.Round(cpuPercent, 2),
            MemoryUsedBytes = Math.Round(memoryPercent / 100 * capacity.MemoryGb * BytesPerGb),
            MemoryTotalBytes = capacity.MemoryGb * BytesPerGb,
            DiskReadBytesPerSec = Math.Round(demand.DiskReadBytesPerSec),
            DiskWriteBytesPerSec = Math.Round(demand.DiskWriteBytesPerSec),
            DiskReadIops = Math.Round(demand.DiskReadIops, 1),
            DiskWriteIops = Math.Round(demand.DiskWriteIops, 1),
            NetRxBytesPerSec = Math.Round(demand.NetRxBytesPerSec),
            NetTxBytesPerSec = Math.Round(demand.NetTxBytesPerSec),
            ProbeLatencyMs = Math.Round(Math.Min(latency, 3_600_000), 2),
            QueueLength = demand.QueueLength,
            ErrorCount = Math.Max(0, errors),
        };

        s.Record(cpuPercent, memoryPercent);
        Track(s.Cpu, s, "cpu", cpuPercent >= Options.CpuThresholdPercent, time);
        Track(s.Memory, s, "memory", memoryPercent >= Options.MemoryThresholdPercent, time);
        if (demand.MemoryGb >= capacity.MemoryGb)
        {
            // The leak filled the memory: this was the last sample before the out-of-memory crash.
            GoDown(s, time + Options.SamplingInterval, "out-of-memory");
        }

        return e;
    }

    private void GoDown(ServerState s, DateTimeOffset at, string reason)
    {
        _failures.Add(new FailureEvent(s.Server.ServerId, at, reason, s.Capacity.VmId));
        s.DownUntil = at + Options.RecoveryTime;
        Close(s.Cpu, at);
        Close(s.Memory, at);
    }

    private void Track(ExhaustionRun run, ServerState s, string resource, bool above, DateTimeOffset time)
    {
        if (!above)
        {
            Close(run, time);
            return;
        }

        if (run.Count == 0)
        {
            run.Start = time;
        }

        run.Count++;
        if (run.Count == Options.ExhaustionSamples)
        {
            run.EventIndex = _exhaustions.Count;
            _exhaustions.Add(new ExhaustionEvent(s.Server.ServerId, resource, run.Start, null, run.Count));
            s.ExhaustedSamples += run.Count;
        }
        else if (run.EventIndex is { } index)
        {
            _exhaustions[index] = _exhaustions[index] with { Samples = run.Count };
            s.ExhaustedSamples++;
        }
    }

    private void Close(ExhaustionRun run, DateTimeOffset time)
    {
        if (run.EventIndex is { } index)
        {
            _exhaustions[index] = _exhaustions[index] with { End = time };
        }

        run.Count = 0;
        run.EventIndex = null;
    }

    private sealed class ExhaustionRun
    {
        public int Count;
        public DateTimeOffset Start;
        public int? EventIndex;
    }

    private sealed class ServerState(SimulatedServer server, ServerCapacity capacity, DateTimeOffset start)
    {
        private double _cpuSum;
        private double _memorySum;
        private double _cpuMax;
        private double _memoryMax;
        private int _samples;

        public SimulatedServer Server { get; } = server;

        public ServerCapacity Capacity { get; set; } = capacity;

        public string? OriginalVmId { get; set; }

        public long Sequence { get; set; }

        public DateTimeOffset RestartedAt { get; set; } = start;

        public DateTimeOffset? DownUntil { get; set; }

        public bool HardwareFailed { get; set; }

        public int DownSamples { get; set; }

        public int ExhaustedSamples { get; set; }

        public ExhaustionRun Cpu { get; } = new();

        public ExhaustionRun Memory { get; } = new();

        public void Record(double cpu, double memory)
        {
            _samples++;
            _cpuSum += cpu;
            _memorySum += memory;
            _cpuMax = Math.Max(_cpuMax, cpu);
            _memoryMax = Math.Max(_memoryMax, memory);
        }

        public ServerLoad Load() => new(Server.ServerId, Server.Kind, _samples, DownSamples,
            _samples == 0 ? 0 : _cpuSum / _samples, _cpuMax, _samples == 0 ? 0 : _memorySum / _samples, _memoryMax, ExhaustedSamples);
    }
}
