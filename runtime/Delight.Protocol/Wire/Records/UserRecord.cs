using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary><c>{"role":"user","content":{"type":"text","text":"hello"},"meta":{...}?}</c> (§6.2).</summary>
public sealed record UserRecord : RawRecord
{
    public const string WireName = "user";

    [JsonIgnore]
    public override string? Role => WireName;

    public Optional<UserContent> Content { get; init; }

    /// <summary>Free-form (historically <c>model</c>, <c>permissionMode</c>); ignored at HEAD, kept verbatim.</summary>
    public Optional<RawJson> Meta { get; init; }

    /// <summary>The text the CLI acts on: non-empty text content, trailing CR/LF trimmed; otherwise null.</summary>
    [JsonIgnore]
    public string? ActionableText =>
        Content.Value is UserTextContent { Text.Value: { } text } && text.TrimEnd('\r', '\n') is { Length: > 0 } trimmed ? trimmed : null;
}
