using System.Text.Json;
using System.Text.Json.Nodes;
using Delight.Protocol.Wire.Ephemerals;
using Delight.Protocol.Wire.Http;
using Delight.Protocol.Wire.Rpc;
using Delight.Protocol.Wire.Socket;
using Delight.Protocol.Wire.State;
using Delight.Protocol.Wire.Updates;

namespace Delight.Protocol.Wire.Json;

/// <summary>
/// The legacy names of §12 (Happy / before the 2026-01-03 machine → terminal rename), accepted on input and
/// mapped to the current ones. Output always uses current names.
/// </summary>
public static class LegacyNames
{
    public const string MachineActivity = "machine-activity";
    public const string NewMachine = "new-machine";
    public const string UpdateMachine = "update-machine";
    public const string MachineAlive = "machine-alive";
    public const string MachineUpdateMetadata = "machine-update-metadata";
    public const string MachineUpdateState = "machine-update-state";
    public const string MachineScoped = "machine-scoped";

    private static readonly Dictionary<Type, (string Legacy, string Current)[]> FieldRenames = new()
    {
        [typeof(HandshakeAuth)] = [("machineId", "terminalId")],
        [typeof(TerminalAliveEvent)] = [("machineId", "terminalId")],
        [typeof(TerminalUpdateMetadataRequest)] = [("machineId", "terminalId")],
        [typeof(TerminalUpdateStateRequest)] = [("machineId", "terminalId")],
        [typeof(NewTerminalBody)] = [("machineId", "terminalId")],
        [typeof(UpdateTerminalBody)] = [("machineId", "terminalId")],
        [typeof(SessionMetadata)] = [("machineId", "terminalId"), ("happyHomeDir", "delightHomeDir")],
        [typeof(TerminalMetadata)] = [("happyCliVersion", "cliVersion"), ("happyHomeDir", "delightHomeDir")],
        [typeof(SpawnSessionParams)] = [("machineId", "terminalId")],
        [typeof(Session)] = [("machineId", "terminalId")],
        [typeof(TerminalResponse)] = [("machine", "terminal")],
        [typeof(PendingPermissionRequest)] = [("tool_name", "toolName"), ("created_at", "createdAt")],
    };

    /// <summary>Current name of a socket event (<c>machine-alive</c> → <c>terminal-alive</c>, ...).</summary>
    public static string EventName(string name) => name switch
    {
        MachineAlive => TerminalAliveEvent.EventWireName,
        MachineUpdateMetadata => TerminalUpdateMetadataRequest.EventWireName,
        MachineUpdateState => TerminalUpdateStateRequest.EventWireName,
        _ => name,
    };

    /// <summary>Current name of an update body <c>t</c>.</summary>
    public static string UpdateType(string t) => t switch
    {
        NewMachine => NewTerminalBody.WireName,
        UpdateMachine => UpdateTerminalBody.WireName,
        _ => t,
    };

    /// <summary>Current name of an ephemeral <c>type</c>.</summary>
    public static string EphemeralType(string type) => type == MachineActivity ? TerminalActivityEphemeral.WireName : type;

    /// <summary>Current catalogue name of an RPC method name (<c>spawn-happy-session</c> → <c>spawn-session</c>).</summary>
    public static string RpcMethod(string name) => name == RpcMethodNames.SpawnHappySession ? RpcMethodNames.SpawnSession : name;

    /// <summary>Current HTTP path (<c>/v1/machines...</c> → <c>/v1/terminals...</c>).</summary>
    public static string HttpPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        const string legacy = "/v1/machines";
        return path.StartsWith(legacy, StringComparison.Ordinal) && (path.Length == legacy.Length || path[legacy.Length] is '/' or '?')
            ? "/v1/terminals" + path[legacy.Length..]
            : path;
    }

    /// <summary>Renames legacy keys of an object about to be read as <paramref name="type"/>; a current key wins over its legacy twin.</summary>
    internal static void NormalizeFields(Type type, JsonObject obj)
    {
        if (FieldRenames.TryGetValue(type, out var renames))
        {
            foreach (var (legacy, current) in renames)
            {
                if (obj.TryGetPropertyValue(legacy, out var value))
                {
                    obj.Remove(legacy);
                    if (!obj.ContainsKey(current))
                    {
                        obj[current] = value;
                    }
                }
            }
        }

        if (type == typeof(HandshakeAuth) && obj["clientType"] is JsonValue clientType
            && clientType.GetValueKind() == JsonValueKind.String && clientType.GetValue<string>() == MachineScoped)
        {
            obj["clientType"] = ClientTypes.TerminalScoped;
        }

        if (type == typeof(AgentState) && obj["requests"] is JsonObject requests)
        {
            foreach (var (_, request) in requests)
            {
                if (request is JsonObject entry)
                {
                    NormalizeFields(typeof(PendingPermissionRequest), entry);
                    NormalizeNumericString(entry, "createdAt");
                }
            }
        }
    }

    /// <summary>The app accepts <c>created_at</c> as a number or a numeric string; we keep numbers.</summary>
    private static void NormalizeNumericString(JsonObject obj, string key)
    {
        if (obj[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String
            && long.TryParse(value.GetValue<string>(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            obj[key] = number;
        }
    }
}
