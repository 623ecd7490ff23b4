using System.Collections.Immutable;
using Delight.Runtime.Session;

namespace Delight.Runtime.Capture;

/// <summary>The first line of a capture (captures/FORMAT.md).</summary>
/// <param name="Format">Always <see cref="CaptureFormat.Name"/>.</param>
/// <param name="FormatVersion">The format's version; readers reject versions they do not know.</param>
/// <param name="RuntimeVersion">Version of the runtime that recorded the capture.</param>
/// <param name="StartUnixMs">Wall-clock start of the capture in Unix milliseconds.</param>
/// <param name="ClockOriginMs">The virtual time (ms) that <c>atMs</c> of the records counts from.</param>
/// <param name="Producer">What recorded it ("sim:S1 seed 7", "capture record against ws://...", a bug export).</param>
/// <param name="Pseudonyms">How many distinct pseudonyms/placeholders of each kind sanitizing introduced.</param>
/// <param name="Initial">The session's starting point, so a replay builds the same initial state.</param>
public sealed record CaptureHeader(
    string Format,
    int FormatVersion,
    string RuntimeVersion,
    long StartUnixMs,
    long ClockOriginMs,
    string Producer,
    ImmutableSortedDictionary<string, int> Pseudonyms,
    CaptureInitialState Initial);

/// <summary>Where the recorded session started: its settings and the agent state it was seeded with.</summary>
public sealed record CaptureInitialState(SessionSettings Settings, AgentStateDoc AgentState, long AgentStateVersion)
{
    public SessionState ToState() => SessionState.Initial(Settings, AgentState, AgentStateVersion);
}
