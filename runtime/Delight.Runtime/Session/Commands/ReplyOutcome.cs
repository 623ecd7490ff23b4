using System.Text.Json.Serialization;
using Delight.Runtime.Agents;

namespace Delight.Runtime.Session;

/// <summary>What a caller gets back. A closed hierarchy: success shapes and one typed error.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "outcome")]
[JsonDerivedType(typeof(ReplyOk), "ok")]
[JsonDerivedType(typeof(ReplyMode), "mode")]
[JsonDerivedType(typeof(ReplyAgentState), "agent-state")]
[JsonDerivedType(typeof(ReplyAgentSettings), "agent-settings")]
[JsonDerivedType(typeof(ReplyError), "error")]
public abstract record ReplyOutcome
{
    public static ReplyOutcome Ok { get; } = new ReplyOk();

    public static ReplyOutcome Error(ReplyErrorCode code, string message) => new ReplyError(code, message);

    public bool IsError => this is ReplyError;
}

public sealed record ReplyOk : ReplyOutcome;

/// <summary>The switch result: the mode the session is in after the switch.</summary>
public sealed record ReplyMode(AgentMode Mode) : ReplyOutcome;

/// <summary>The agent-config result: the persisted agent state and its version.</summary>
public sealed record ReplyAgentState(string AgentStateJson, long Version) : ReplyOutcome;

/// <summary>The agent-capabilities result (RUNTIME.md §2.6 QuerySettings).</summary>
public sealed record ReplyAgentSettings(string AgentType, AgentCapabilities? Capabilities, AgentConfig Desired, AgentConfig? Effective) : ReplyOutcome;

public sealed record ReplyError(ReplyErrorCode Code, string Message) : ReplyOutcome;

public enum ReplyErrorCode
{
    /// <summary>Shutdown was reduced (or the runtime stopped): nothing new is accepted.</summary>
    Closed,

    /// <summary>The operation needs the phone in control (remote mode).</summary>
    NotRemote,
    InvalidMode,
    UnknownPermissionRequest,

    /// <summary>A later switch to the other mode overtook this one.</summary>
    Superseded,

    /// <summary>The runner failed to start or died before it was ready.</summary>
    StartFailed,
    PersistFailed,
    EngineUnavailable,
}
