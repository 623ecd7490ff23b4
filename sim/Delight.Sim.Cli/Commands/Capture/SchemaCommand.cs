using System.CommandLine;
using Delight.Runtime.Capture.Schema;

namespace Delight.Sim.Cli.Commands.Capture;

/// <summary>`delight-sim capture schema`: prints the capture format's JSON schema, generated from the runtime's types.</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var command = new Command("schema",
            "Print the JSON schema of the capture format (generated from the runtime's event and command types; " +
            "captures/capture.schema.json is this output, and a test fails when it is stale).");
        command.SetAction(_ =>
        {
            Console.Out.Write(CaptureSchema.GenerateText());
            return 0;
        });
        return command;
    }
}
