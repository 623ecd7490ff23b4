namespace Delight.Runtime.Relay;

/// <summary>What the relay did with one inbound socket event (for the transport's logs and the simulation).</summary>
public sealed record RelayEventOutcome(bool Accepted, string? Reason)
{
    public static RelayEventOutcome Queued { get; } = new(true, null);

    public static RelayEventOutcome Rejected(string reason) => new(false, reason);
}
