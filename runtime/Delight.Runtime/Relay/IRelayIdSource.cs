using System.Globalization;

namespace Delight.Runtime.Relay;

/// <summary>New server ids (sessions, messages, challenges, accounts). Injected so the simulation is deterministic.</summary>
public interface IRelayIdSource
{
    string NextId();
}

/// <summary>Upstream's format: "c" + Unix nanoseconds, made strictly increasing so two ids never collide.</summary>
public sealed class ServerIdSource(TimeProvider time) : IRelayIdSource
{
    private readonly object _gate = new();
    private long _last;

    public string NextId()
    {
        var nanos = time.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000;
        lock (_gate)
        {
            _last = Math.Max(_last + 1, nanos);
            return "c" + _last.ToString(CultureInfo.InvariantCulture);
        }
    }
}

/// <summary>Deterministic ids for tests and the simulation: prefix + counter.</summary>
public sealed class SequentialIdSource(string prefix = "c") : IRelayIdSource
{
    private long _next;

    public string NextId() => prefix + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
}
