using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;
using Delight.Protocol.Wire.Socket;

namespace Delight.Protocol.Wire.Ephemerals;

/// <summary>
/// An <c>ephemeral</c> socket event (§4), discriminated by <c>type</c>; never persisted, no seq.
/// </summary>
[JsonConverter(typeof(EphemeralConverter))]
public abstract record Ephemeral : SocketEvent
{
    public const string EventWireName = "ephemeral";

    [JsonIgnore]
    public sealed override string EventName => EventWireName;

    /// <summary>The <c>type</c> discriminator.</summary>
    [JsonIgnore]
    public abstract string Type { get; }
}

internal sealed class EphemeralConverter : WireUnionConverter<Ephemeral>
{
    public EphemeralConverter()
        : base(
            "type",
            new UnionVariant(ActivityEphemeral.WireName, typeof(ActivityEphemeral)),
            new UnionVariant(TerminalActivityEphemeral.WireName, typeof(TerminalActivityEphemeral), LegacyNames.MachineActivity),
            new UnionVariant(UsageEphemeral.WireName, typeof(UsageEphemeral)),
            new UnionVariant(PermissionRequestEphemeral.WireName, typeof(PermissionRequestEphemeral)),
            new UnionVariant(UiEventEphemeral.WireName, typeof(UiEventEphemeral)))
    {
    }

    protected override Ephemeral CreateUnknown(string wireName, RawJson raw) => new UnknownEphemeral(wireName, raw);
}
