using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary>A full RPC method name, <c>&lt;scopeId&gt;:&lt;name&gt;</c> (session or terminal id, then the catalogue name).</summary>
public readonly record struct RpcMethod(string ScopeId, string Name)
{
    /// <summary>The catalogue name with legacy spellings mapped (<c>spawn-happy-session</c> → <c>spawn-session</c>).</summary>
    public string CurrentName => LegacyNames.RpcMethod(Name);

    /// <summary>Whether the name belongs to the session or terminal scope.</summary>
    public RpcScope Scope => CurrentName switch
    {
        RpcMethodNames.Abort or RpcMethodNames.Switch or RpcMethodNames.Permission
            or RpcMethodNames.AgentConfig or RpcMethodNames.AgentCapabilities => RpcScope.Session,
        RpcMethodNames.StopDaemon or RpcMethodNames.RestartDaemon or RpcMethodNames.Ping
            or RpcMethodNames.SpawnSession or RpcMethodNames.StopSession => RpcScope.Terminal,
        _ => RpcScope.Unknown,
    };

    public static RpcMethod ForSession(string sessionId, string name) => new(sessionId, name);

    public static RpcMethod ForTerminal(string terminalId, string name) => new(terminalId, name);

    /// <summary>Splits at the last ':'; a method without one has an empty scope id.</summary>
    public static RpcMethod Parse(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var colon = method.LastIndexOf(':');
        return colon < 0 ? new RpcMethod("", method) : new RpcMethod(method[..colon], method[(colon + 1)..]);
    }

    public override string ToString() => ScopeId.Length == 0 ? Name : ScopeId + ":" + Name;
}
