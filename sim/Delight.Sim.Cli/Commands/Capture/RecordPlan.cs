using Delight.Transport.LiveCapture;

namespace Delight.Sim.Cli.Commands.Capture;

/// <summary>The checked arguments of `capture record`: which relay, which flows into which files. A plan with a
/// <see cref="Problem"/> is a usage error (exit 2).</summary>
internal sealed record RecordPlan(Uri? Server, string? SecretFile, string Agent, TimeSpan StepTimeout, IReadOnlyList<(LiveFlow Flow, string Path)> Targets, string? Problem)
{
    /// <summary>`--server local`: start the test relay (LocalRelay) in this process for the recording.</summary>
    public const string LocalServer = "local";

    /// <summary>True when the recording runs against a test relay started here (<see cref="Server"/> is null).</summary>
    public bool UsesLocalRelay => Server is null;

    private static RecordPlan Bad(string problem) => new(null, null, string.Empty, TimeSpan.Zero, [], problem);

    public static RecordPlan Make(RecordArguments arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments.Server))
        {
            return Bad("--server URL is required");
        }

        Uri? server = null;
        if (arguments.Server != LocalServer && (!Uri.TryCreate(arguments.Server, UriKind.Absolute, out server) || server.Scheme is not ("http" or "https")))
        {
            return Bad($"--server must be an http or https URL or '{LocalServer}', got '{arguments.Server}'");
        }

        if (server is not null && string.IsNullOrWhiteSpace(arguments.SecretFile))
        {
            return Bad("--secret-file FILE is required (with --server local it is optional: a fresh secret is used)");
        }

        if (!RecordCommand.Agents.Contains(arguments.Agent))
        {
            return Bad($"unsupported --agent '{arguments.Agent}' (supported: {string.Join(", ", RecordCommand.Agents)})");
        }

        if (arguments.TimeoutSeconds is < 1 or > 600)
        {
            return Bad("--timeout must be between 1 and 600 seconds");
        }

        var flows = arguments.Flow == "all" ? LiveFlows.All : LiveFlows.Find(arguments.Flow) is { } one ? [one] : [];
        if (flows.Count == 0)
        {
            return Bad($"unknown flow '{arguments.Flow}' (see --list)");
        }

        var intoFile = arguments.Out.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);
        if (intoFile && flows.Count > 1)
        {
            return Bad("--out FILE records one flow; give --flow NAME, or a folder for all");
        }

        var targets = flows.Select(f => (f, intoFile ? arguments.Out : Path.Combine(arguments.Out, f.Name + ".jsonl"))).ToList();
        return new RecordPlan(server, string.IsNullOrWhiteSpace(arguments.SecretFile) ? null : arguments.SecretFile, arguments.Agent, TimeSpan.FromSeconds(arguments.TimeoutSeconds), targets, null);
    }
}
