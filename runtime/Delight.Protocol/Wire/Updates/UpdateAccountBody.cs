using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Updates;

/// <summary><c>update-account</c>: settings and profile fields; <c>avatar</c> is explicit null on delete.</summary>
public sealed record UpdateAccountBody : UpdateBody
{
    public const string WireName = "update-account";

    [JsonIgnore]
    public override string T => WireName;

    public Optional<string> Id { get; init; }

    public Optional<VersionedValue> Settings { get; init; }

    public Optional<string> FirstName { get; init; }

    public Optional<string> LastName { get; init; }

    public Optional<string> Username { get; init; }

    /// <summary>Avatar object (shape is server-defined), or null when deleted.</summary>
    public Optional<RawJson> Avatar { get; init; }
}
