using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary>Method name → params and result types, for the catalogue and the legacy methods.</summary>
internal static class RpcCatalog
{
    private static readonly Dictionary<string, (Type Params, Type Result)> Types = new(StringComparer.Ordinal)
    {
        [RpcMethodNames.Abort] = (typeof(AbortParams), typeof(AbortResult)),
        [RpcMethodNames.Switch] = (typeof(SwitchParams), typeof(SwitchResult)),
        [RpcMethodNames.Permission] = (typeof(PermissionParams), typeof(PermissionResult)),
        [RpcMethodNames.AgentConfig] = (typeof(AgentConfigParams), typeof(AgentConfigResult)),
        [RpcMethodNames.AgentCapabilities] = (typeof(AgentCapabilitiesParams), typeof(AgentCapabilitiesResult)),
        [RpcMethodNames.StopDaemon] = (typeof(StopDaemonParams), typeof(StopDaemonResult)),
        [RpcMethodNames.RestartDaemon] = (typeof(RestartDaemonParams), typeof(RestartDaemonResult)),
        [RpcMethodNames.Ping] = (typeof(PingParams), typeof(PingResult)),
        [RpcMethodNames.SpawnSession] = (typeof(SpawnSessionParams), typeof(SpawnSessionResult)),
        [RpcMethodNames.StopSession] = (typeof(StopSessionParams), typeof(StopSessionResult)),
    };

    /// <summary>Looks up a catalogue name (legacy spellings mapped); false for methods outside the catalogue.</summary>
    public static bool TryGet(string name, out Type paramsType, out Type resultType)
    {
        if (Types.TryGetValue(LegacyNames.RpcMethod(name), out var types))
        {
            (paramsType, resultType) = types;
            return true;
        }

        paramsType = resultType = typeof(void);
        return false;
    }
}
