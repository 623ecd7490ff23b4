using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Ephemerals;

/// <summary>
/// <c>{type:"ui.event", sessionId, eventId, kind, phase, status, briefMarkdown?, fullMarkdown?, atMs?}</c>; the
/// app also accepts the session id as <c>id</c> or <c>sid</c>, kept as sent (see <see cref="SessionIdAnyAlias"/>).
/// </summary>
public sealed record UiEventEphemeral : Ephemeral
{
    public const string WireName = "ui.event";

    [JsonIgnore]
    public override string Type => WireName;

    public Optional<string> SessionId { get; init; }

    /// <summary>Compat: session id sent as <c>id</c>.</summary>
    public Optional<string> Id { get; init; }

    /// <summary>Compat: session id sent as <c>sid</c>.</summary>
    public Optional<string> Sid { get; init; }

    public Optional<string> EventId { get; init; }

    public Optional<string> Kind { get; init; }

    public Optional<string> Phase { get; init; }

    public Optional<string> Status { get; init; }

    public Optional<string> BriefMarkdown { get; init; }

    public Optional<string> FullMarkdown { get; init; }

    public Optional<long> AtMs { get; init; }

    /// <summary>The session id from <c>sessionId</c>, else <c>id</c>, else <c>sid</c>.</summary>
    [JsonIgnore]
    public string? SessionIdAnyAlias => SessionId.Value ?? Id.Value ?? Sid.Value;
}
