using Delight.Runtime.Agents;
using Delight.Sim.StandIns.Wire;

namespace Delight.Sim.StandIns.Session;

/// <summary>The session's RPC methods (RUNTIME.md §6.5): switch waits for the reducer's reply; permission posts the
/// decision and acknowledges at once.</summary>
internal static class RpcHandlers
{
    public static readonly string[] Methods = ["switch", "permission"];

    public static async Task HandleAsync(StandInSession session, string method, string paramsJson, Func<string, Task>? ack)
    {
        var name = method[(method.IndexOf(':', StringComparison.Ordinal) + 1)..];
        string result;
        switch (name)
        {
            case "switch":
                var target = StandInWire.Read<SwitchParams>(paramsJson).Mode == "remote" ? AgentMode.Remote : AgentMode.Local;
                result = StandInWire.Write(await session.SwitchAsync(target).ConfigureAwait(false));
                break;
            case "permission":
                var decision = StandInWire.Read<PermissionParams>(paramsJson);
                var accepted = await session.TryPostAsync(new PermissionDecided(decision.RequestId, decision.Allow)).ConfigureAwait(false);
                result = accepted ? "{\"success\":true}" : "{\"success\":false}";
                break;
            default:
                result = "{\"error\":\"unknown method\"}";
                break;
        }

        if (ack is not null)
        {
            await ack(result).ConfigureAwait(false);
        }
    }
}
