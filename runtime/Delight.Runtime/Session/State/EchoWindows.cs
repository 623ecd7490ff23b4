using System.Collections.Immutable;

namespace Delight.Runtime.Session;

/// <summary>Echo suppression (RUNTIME.md §3.8): phone texts injected into a local runner, and local ids of messages
/// the CLI sent.</summary>
public sealed record EchoWindows(ImmutableList<EchoEntry> RecentRemoteInputs, ImmutableList<EchoEntry> RecentOutboundLocalIds)
{
    public static EchoWindows Empty { get; } = new([], []);
}

/// <summary>A normalized text or a local id seen at <see cref="AtMs"/>.</summary>
public sealed record EchoEntry(string Value, long AtMs);
