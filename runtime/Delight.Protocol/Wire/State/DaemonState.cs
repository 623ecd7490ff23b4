using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.State;

/// <summary>Daemon state (§6.8), sent as an AES-GCM envelope keyed by the master secret.</summary>
public sealed record DaemonState
{
    /// <summary>running | offline | shutting-down.</summary>
    public Optional<string> Status { get; init; }

    public Optional<long> Pid { get; init; }

    public Optional<long> StartedAt { get; init; }
}
