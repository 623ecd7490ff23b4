namespace Delight.Sim.StandIns.Wire;

public sealed record MessagePayload(string Sid, string LocalId, string Text);

public sealed record UpdatePayload(string Sid, long Seq, string LocalId, string Text, string From);

public sealed record UpdateStatePayload(string Sid, string AgentStateJson, long ExpectedVersion);

public sealed record UpdateStateAck(string Result, long Version);

public sealed record SessionUpdatePayload(string Sid, long Version, string AgentStateJson);

public sealed record RpcRegisterPayload(string Method);

public sealed record RpcCallPayload(string Method, string ParamsJson);

public sealed record RpcCallAck(bool Ok, string? ResultJson, string? Error);

public sealed record RpcRequestPayload(string Method, string ParamsJson);

/// <summary>Kinds: permission-request, permission-resolved, message-failed.</summary>
public sealed record EphemeralPayload(string Sid, string Kind, string? RequestId, string? Tool, string? LocalId);

public sealed record DurableAgentState(bool ControlledByUser, string[] Requests);

public sealed record SwitchParams(string Mode);

public sealed record SwitchResult(string Mode, string? Error);

public sealed record PermissionParams(string RequestId, bool Allow);

public sealed record SessionListing(string Sid, long LastSeq, long Version, string AgentStateJson);

public sealed record StoredMessageDto(long Seq, string LocalId, string Text, string From);

public sealed record SessionAlivePayload(string Sid, bool Working, long TurnId);

public sealed record MessageAck(long Seq);
