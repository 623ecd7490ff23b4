using System.CommandLine;
using System.Security.Cryptography;
using Delight.Agents;
using Delight.Transport.LiveCapture;
using Delight.Transport.RelayFront;

namespace Delight.Sim.Cli.Commands.Capture;

/// <summary>
/// `delight-sim capture record --server URL --secret-file F [--agent fake] [--flow NAME|all] --out FILE|DIR`: runs
/// our CLI-side runtime against a live relay, drives it from the relay's side with our SDK as the phone would, and
/// writes the session as a sanitized capture. Exit 0 recorded, 1 the relay or a flow step failed, 2 bad arguments or
/// an unreadable secret file.
/// </summary>
internal static class RecordCommand
{
    public static readonly IReadOnlyList<string> Agents = ["fake"];

    public static Command Create()
    {
        var server = new Option<string>("--server") { Description = "The relay's base URL (http or https), for example http://127.0.0.1:3005, or 'local' to start the test relay (LocalRelay) here for the recording." };
        var secretFile = new Option<string>("--secret-file") { Description = "File holding the account's 32-byte master secret (base64 or hex text, or raw bytes), as after pairing. Optional with --server local (a fresh secret)." };
        var agent = new Option<string>("--agent") { Description = "The engine the CLI side runs: " + string.Join(", ", Agents) + ".", DefaultValueFactory = _ => "fake" };
        var flow = new Option<string>("--flow") { Description = "The flow the phone drives (see --list), or all.", DefaultValueFactory = _ => "all" };
        var output = new Option<string>("--out") { Description = "The capture file to write (one flow), or a folder to write NAME.jsonl into.", DefaultValueFactory = _ => "captures" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds any one step (HTTP call, connect, flow wait) may take.", DefaultValueFactory = _ => 20 };
        var list = new Option<bool>("--list") { Description = "List the flows and what each covers." };
        var command = new Command("record",
            "Record a live session: our CLI-side runtime (real engine, real Socket.IO and HTTP) against a relay, driven from " +
            "the relay's side by our SDK as the phone would, written as a sanitized capture that `delight-sim replay` replays. " +
            "Exit 0 recorded, 1 the relay or a flow step failed, 2 bad arguments or an unreadable secret file.");
        foreach (var option in new Option[] { server, secretFile, agent, flow, output, timeout, list })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => parse.GetValue(list)
            ? List(Console.Out)
            : Run(
                new RecordArguments(parse.GetValue(server), parse.GetValue(secretFile), parse.GetValue(agent)!, parse.GetValue(flow)!, parse.GetValue(output)!, parse.GetValue(timeout)),
                Console.Out,
                Console.Error));
        return command;
    }

    private static int List(TextWriter output)
    {
        foreach (var flow in LiveFlows.All)
        {
            output.WriteLine($"{flow.Name,-36} {flow.Covers}");
        }

        return 0;
    }

    public static int Run(RecordArguments arguments, TextWriter output, TextWriter error) =>
        RunAsync(arguments, output, error, CancellationToken.None).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(RecordArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var plan = RecordPlan.Make(arguments);
        if (plan.Problem is { } problem)
        {
            error.WriteLine("capture record: " + problem);
            return 2;
        }

        byte[] secret;
        try
        {
            // A test relay started here knows no account yet: any fresh secret logs in (the account is created).
            secret = plan.SecretFile is null ? RandomNumberGenerator.GetBytes(MasterSecretFile.SecretLength) : MasterSecretFile.Read(plan.SecretFile);
        }
        catch (MasterSecretFileException e)
        {
            error.WriteLine("capture record: " + e.Message);
            return 2;
        }

        LocalRelay? relay = null;
        try
        {
            if (plan.UsesLocalRelay)
            {
                try
                {
                    relay = await LocalRelay.StartAsync(new LocalRelayOptions { Mailboxes = LiveCaptureOptions.MailboxesForThisProcess() }, cancellationToken);
                }
                catch (Exception e) when (e is RelayFrontException or System.ComponentModel.Win32Exception or IOException or TimeoutException)
                {
                    error.WriteLine("capture record: cannot start the test relay: " + e.Message.ReplaceLineEndings(" "));
                    return 1;
                }

                output.WriteLine($"started the test relay at {relay.BaseUri}");
            }

            return await RecordAllAsync(plan, relay?.BaseUri ?? plan.Server!, secret, output, error, cancellationToken);
        }
        finally
        {
            if (relay is not null)
            {
                await relay.DisposeAsync();
            }
        }
    }

    private static async Task<int> RecordAllAsync(RecordPlan plan, Uri server, byte[] secret, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var options = new LiveCaptureOptions
        {
            Server = server,
            Engines = new AgentEngineFactory(new AgentEngineFactoryOptions()),
            AgentType = plan.Agent,
            StepTimeout = plan.StepTimeout,
        };
        foreach (var (flow, path) in plan.Targets)
        {
            LiveCaptureResult result;
            try
            {
                result = await LiveCaptureSession.RecordAsync(options, secret, flow, cancellationToken);
            }
            catch (LiveCaptureException e)
            {
                error.WriteLine($"capture record: {flow.Name}: {e.Message}");
                return 1;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Not a relay or flow failure we know: still one line, with the type so it can be found.
                error.WriteLine($"capture record: {flow.Name}: unexpected {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
                return 1;
            }

            try
            {
                if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
                {
                    Directory.CreateDirectory(folder);
                }

                using var writer = new StreamWriter(path);
                result.Recorder.WriteTo(writer);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                error.WriteLine($"capture record: cannot write {path}: {e.Message}");
                return 2;
            }

            output.WriteLine($"recorded {path} ({result.Recorder.Count} records)");
        }

        return 0;
    }
}
