using System.CommandLine;

namespace Delight.Sim.Cli.Commands.Capture;

/// <summary>`delight-sim capture ...`: make captures safe to commit and keep their contract.</summary>
internal static class CaptureCommand
{
    public static Command Create()
    {
        var command = new Command("capture", "Work with captures (captures/FORMAT.md): sanitize them and print the format's JSON schema.");
        command.Subcommands.Add(SanitizeCommand.Create());
        command.Subcommands.Add(SchemaCommand.Create());
        command.Subcommands.Add(RecordFlowCommand.Create());
        command.Subcommands.Add(RecordCommand.Create());
        return command;
    }
}
