using System.CommandLine;

namespace Delight.Sim.Cli.Commands.Wire;

/// <summary>`delight-sim wire ...`: Delight's typed wire protocol (PROTOCOL.md §1–§8, §12).</summary>
internal static class WireCommand
{
    public static Command Create()
    {
        var command = new Command("wire", "Inspect Delight wire payloads (updates, messages, ephemerals, RPC, records).");
        command.Subcommands.Add(WireDecodeCommand.Create());
        return command;
    }
}
