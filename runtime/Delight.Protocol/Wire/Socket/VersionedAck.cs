using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Socket;

/// <summary>
/// Ack of <c>update-metadata</c>, <c>update-state</c>, <c>terminal-update-*</c>:
/// <c>{result, version?, metadata|agentState|daemonState?, message?}</c>. Every field but <c>result</c> is
/// omitted when empty, <c>version</c> included when it is 0; use the factories to build one that way.
/// </summary>
public sealed record VersionedAck
{
    public Optional<string> Result { get; init; }

    public Optional<long> Version { get; init; }

    public Optional<string> Metadata { get; init; }

    public Optional<string> AgentState { get; init; }

    public Optional<string> DaemonState { get; init; }

    public Optional<string> Message { get; init; }

    [JsonIgnore]
    public bool IsSuccess => Result.Value == AckResults.Success;

    [JsonIgnore]
    public bool IsVersionMismatch => Result.Value == AckResults.VersionMismatch;

    /// <summary>The version the server reported; 0 when absent (the client treats that as a generic failure).</summary>
    [JsonIgnore]
    public long VersionOrZero => Version.Value;

    public static VersionedAck Success(long version) => new() { Result = AckResults.Success, Version = OmitZero(version) };

    public static VersionedAck VersionMismatch(long currentVersion) => new() { Result = AckResults.VersionMismatch, Version = OmitZero(currentVersion) };

    public static VersionedAck Error(string? message = null) => new()
    {
        Result = AckResults.Error,
        Message = string.IsNullOrEmpty(message) ? Optional<string>.Absent : message,
    };

    /// <summary>An optional string field the server omits when empty.</summary>
    public static Optional<string> OmitEmpty(string? value) => string.IsNullOrEmpty(value) ? Optional<string>.Absent : value;

    private static Optional<long> OmitZero(long version) => version == 0 ? Optional<long>.Absent : version;
}
