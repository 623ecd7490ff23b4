using Delight.Protocol.Wire.Ephemerals;
using Delight.Protocol.Wire.Json;
using Delight.Protocol.Wire.Rpc;
using Delight.Protocol.Wire.Updates;

namespace Delight.Protocol.Wire.Socket;

/// <summary>Socket event name → payload type and ack type (§2), legacy names included.</summary>
public static class SocketEventCatalog
{
    private static readonly Dictionary<string, (Type Payload, Type? Ack)> Events = new(StringComparer.Ordinal)
    {
        [MessageEvent.EventWireName] = (typeof(MessageEvent), null),
        [SessionAliveEvent.EventWireName] = (typeof(SessionAliveEvent), null),
        [TerminalAliveEvent.EventWireName] = (typeof(TerminalAliveEvent), null),
        [UpdateMetadataRequest.EventWireName] = (typeof(UpdateMetadataRequest), typeof(VersionedAck)),
        [UpdateStateRequest.EventWireName] = (typeof(UpdateStateRequest), typeof(VersionedAck)),
        [TerminalUpdateMetadataRequest.EventWireName] = (typeof(TerminalUpdateMetadataRequest), typeof(VersionedAck)),
        [TerminalUpdateStateRequest.EventWireName] = (typeof(TerminalUpdateStateRequest), typeof(VersionedAck)),
        [UsageReportEvent.EventWireName] = (typeof(UsageReportEvent), null),
        [Ephemeral.EventWireName] = (typeof(Ephemeral), null),
        [RpcRegisterEvent.EventWireName] = (typeof(RpcRegisterEvent), null),
        [RpcUnregisterEvent.EventWireName] = (typeof(RpcUnregisterEvent), null),
        [RpcCallEvent.EventWireName] = (typeof(RpcCallEvent), typeof(RpcCallAck)),
        [RpcRequestEvent.EventWireName] = (typeof(RpcRequestEvent), typeof(RawJson)),
        [RpcRegisteredEvent.EventWireName] = (typeof(RpcRegisteredEvent), null),
        [RpcUnregisteredEvent.EventWireName] = (typeof(RpcUnregisteredEvent), null),
        [RpcErrorEvent.EventWireName] = (typeof(RpcErrorEvent), null),
        [ErrorEvent.EventWireName] = (typeof(ErrorEvent), null),
        [UpdateEnvelope.EventWireName] = (typeof(UpdateEnvelope), null),
        [ArtifactReadRequest.EventWireName] = (typeof(ArtifactReadRequest), typeof(ArtifactAck)),
        [ArtifactCreateRequest.EventWireName] = (typeof(ArtifactCreateRequest), typeof(ArtifactAck)),
        [ArtifactUpdateRequest.EventWireName] = (typeof(ArtifactUpdateRequest), typeof(ArtifactAck)),
        [ArtifactDeleteRequest.EventWireName] = (typeof(ArtifactDeleteRequest), typeof(ArtifactAck)),
    };

    /// <summary>Every current event name we type.</summary>
    public static IEnumerable<string> Names => Events.Keys;

    /// <summary>The payload type for an event name (legacy names mapped); false for names we do not know.</summary>
    public static bool TryGetPayloadType(string eventName, out Type payloadType)
    {
        var found = Events.TryGetValue(LegacyNames.EventName(eventName), out var entry);
        payloadType = found ? entry.Payload : typeof(UnknownSocketEvent);
        return found;
    }

    /// <summary>The ack type for an event name, or null when the event has no ack. <c>rpc-request</c> acks with the raw RPC result.</summary>
    public static Type? AckType(string eventName) =>
        Events.TryGetValue(LegacyNames.EventName(eventName), out var entry) ? entry.Ack : null;
}
