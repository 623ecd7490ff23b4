using System.CommandLine;

namespace Delight.Sim.Cli.Commands.Crypto;

/// <summary>`delight-sim crypto ...`: conformance checks of Delight's crypto (PROTOCOL.md §9).</summary>
internal static class CryptoCommand
{
    public static Command Create()
    {
        var command = new Command("crypto", "Check an implementation of Delight's crypto (PROTOCOL.md §9) against test vectors.");
        command.Subcommands.Add(VerifyVectorsCommand.Create());
        return command;
    }
}
