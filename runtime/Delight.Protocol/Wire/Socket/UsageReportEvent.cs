using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;
using Delight.Protocol.Wire.Ephemerals;

namespace Delight.Protocol.Wire.Socket;

/// <summary><c>usage-report</c> [UNUSED by clients]: re-emitted as the <c>usage</c> ephemeral.</summary>
public sealed record UsageReportEvent : SocketEvent
{
    public const string EventWireName = "usage-report";

    [JsonIgnore]
    public override string EventName => EventWireName;

    public Optional<string> Key { get; init; }

    public Optional<string> SessionId { get; init; }

    public Optional<UsageTokens> Tokens { get; init; }

    public Optional<UsageCost> Cost { get; init; }

}
