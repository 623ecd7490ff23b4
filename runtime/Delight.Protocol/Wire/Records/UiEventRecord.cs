using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary>
/// <c>{"role":"event","type":"ui.event",...}</c> (§6.4), the durable twin of the <c>ui.event</c> ephemeral.
/// <c>status</c>, the markdown fields and <c>atMs</c> are omitted when empty.
/// </summary>
public sealed record UiEventRecord : EventRecord
{
    public const string WireName = "ui.event";

    [JsonIgnore]
    public override string Type => WireName;

    public Optional<string> SessionId { get; init; }

    public Optional<string> EventId { get; init; }

    /// <summary><see cref="UiEventValues"/>: thinking, tool, reasoning.</summary>
    public Optional<string> Kind { get; init; }

    /// <summary>start, update, end.</summary>
    public Optional<string> Phase { get; init; }

    /// <summary>running, ok, error, canceled.</summary>
    public Optional<string> Status { get; init; }

    public Optional<string> BriefMarkdown { get; init; }

    public Optional<string> FullMarkdown { get; init; }

    public Optional<long> AtMs { get; init; }
}
