using System.CommandLine;
using Delight.Sim.CaptureStudio;

namespace Delight.Sim.Cli.Commands.Capture;

/// <summary>`delight-sim capture record-flow NAME|all --out DIR`: records the scripted flows behind captures/.</summary>
internal static class RecordFlowCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME|all") { Description = "The flow to record (see --list), or all.", DefaultValueFactory = _ => "all" };
        var output = new Option<string>("--out") { Description = "Folder to write NAME.jsonl into.", DefaultValueFactory = _ => "captures" };
        var list = new Option<bool>("--list") { Description = "List the flows and what each covers." };
        var command = new Command("record-flow",
            "Record a scripted flow (a deterministic world answering the real reducer's commands as the relay, agent, phone " +
            "and clock would) as a sanitized capture. These are the captures committed under captures/.");
        command.Arguments.Add(name);
        command.Options.Add(output);
        command.Options.Add(list);
        command.SetAction(parse => parse.GetValue(list)
            ? List(Console.Out)
            : Run(parse.GetValue(name)!, parse.GetValue(output)!, Console.Out, Console.Error));
        return command;
    }

    private static int List(TextWriter output)
    {
        foreach (var flow in CaptureFlows.All)
        {
            output.WriteLine($"{flow.Name,-40} {flow.Covers}");
        }

        return 0;
    }

    public static int Run(string name, string folder, TextWriter output, TextWriter error)
    {
        var flows = name == "all" ? CaptureFlows.All : CaptureFlows.Find(name) is { } one ? [one] : [];
        if (flows.Count == 0)
        {
            error.WriteLine($"capture record-flow: unknown flow '{name}' (see --list)");
            return 2;
        }

        Directory.CreateDirectory(folder);
        foreach (var flow in flows)
        {
            var path = Path.Combine(folder, flow.Name + ".jsonl");
            using (var writer = new StreamWriter(path))
            {
                flow.Record().WriteTo(writer);
            }

            output.WriteLine($"recorded {path}");
        }

        return 0;
    }
}
