using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Delight.Agents;
using Delight.Runtime.Capture;
using Delight.Runtime.Capture.Schema;
using Delight.Runtime.Session;
using Delight.Sim.Cli.Commands.Capture;
using Delight.Sim.Cli.Commands.Replay;
using Delight.Sim.Replay;
using Delight.Transport.LiveCapture;
using Delight.Transport.RelayFront;
using NUnit.Framework;

namespace Delight.Sim.Cli.Tests.LiveCapture;

/// <summary>`capture record` against the test relay (LocalRelay: the Node socket.io front bridged to our relay):
/// real sockets, real HTTP, our runtime on the CLI side and our SDK as the phone.</summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class LiveCaptureRecordTests
{
    private LocalRelay relay = null!;
    private string folder = null!;

    [OneTimeSetUp]
    public async Task StartRelay() => relay = await LocalRelay.StartAsync(new LocalRelayOptions { Mailboxes = LiveCaptureOptions.MailboxesForThisProcess() });

    [OneTimeTearDown]
    public async Task StopRelay() => await relay.DisposeAsync();

    [SetUp]
    public void MakeFolder()
    {
        folder = Path.Combine(Path.GetTempPath(), "liverec-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        Directory.CreateDirectory(folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [NUnit.Framework.Test]
    [CancelAfter(120_000)]
    public async Task A_live_session_with_two_quick_messages_replays_clean_and_keeps_no_secret(CancellationToken cancellationToken)
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var options = new LiveCaptureOptions { Server = relay.BaseUri, Engines = new AgentEngineFactory(new AgentEngineFactoryOptions()) };

        var result = await LiveCaptureSession.RecordAsync(options, secret, LiveFlows.Find("live-two-quick-phone-messages")!, cancellationToken);

        // Before sanitizing: both phone messages reached the engine, once each and in order, and both answers went out.
        var raw = result.Recorder.Snapshot();
        var sends = raw.Outputs.Select(r => r.Command).OfType<SendToAgent>().Select(s => s.Message.Text).ToList();
        Assert.That(sends, Is.EqualTo(new[] { LiveFlows.FirstQuickMessage, LiveFlows.SecondQuickMessage }));
        Assert.That(raw.Inputs.Count(r => r.Event is InboundUserMessage), Is.EqualTo(2));
        Assert.That(raw.Inputs.Count(r => r.Event is OutboundRecordReady), Is.EqualTo(2), "the fake engine answered each message");
        Assert.That(raw.Inputs.Last().State!.Fsm, Is.EqualTo(FsmState.Closed), "the session ended");

        var text = Written(result);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(CaptureSchema.Validate(lines), Is.Empty, "the capture follows the schema");
        var capture = CaptureReader.Read(new StringReader(text));
        var report = CaptureReplayer.Replay(capture, "live-two-quick-phone-messages");
        var printed = new StringWriter();
        ReplayReportPrinter.Print(report, printed);
        Assert.That(report.IsClean, Is.True, printed.ToString());
        Assert.That(report.InputsReplayed, Is.EqualTo(capture.Inputs.Count()), "every recorded input was replayed");

        var sanitizedSends = capture.Outputs.Select(r => r.Command).OfType<SendToAgent>().Select(s => s.Message.Text).ToList();
        Assert.That(sanitizedSends, Has.Count.EqualTo(2).And.Unique, "two different messages, still in the order recorded");
        Assert.That(capture.Header.Producer, Is.EqualTo("live-fake/two-quick-phone-messages"), "the provenance survives sanitizing");
        AssertNoSecret(text, secret, result, LiveFlows.FirstQuickMessage, LiveFlows.SecondQuickMessage);
    }

    [NUnit.Framework.Test]
    [CancelAfter(180_000)]
    public async Task The_command_records_every_flow_into_a_folder_and_each_replays_clean(CancellationToken cancellationToken)
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var secretFile = Path.Combine(folder, "master.key");
        await File.WriteAllTextAsync(secretFile, Convert.ToBase64String(secret) + "\n", cancellationToken);
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await RecordCommand.RunAsync(new RecordArguments(relay.BaseUri.ToString(), secretFile, "fake", "all", Path.Combine(folder, "out"), 20), output, error, cancellationToken);

        Assert.That(exit, Is.Zero, error.ToString());
        var files = LiveFlows.All.Select(f => Path.Combine(folder, "out", f.Name + ".jsonl")).ToList();
        Assert.That(files, Has.All.Matches<string>(File.Exists));
        var replayOut = new StringWriter();
        var replayError = new StringWriter();
        Assert.That(ReplayCommand.Run(files, replayOut, replayError), Is.Zero, replayOut + replayError.ToString());

        var switching = CaptureReader.ReadFile(files[1]);
        var modes = switching.Outputs.Select(r => r.Command).OfType<StartRunner>().Select(s => s.Mode.ToString()).ToList();
        Assert.That(modes, Is.EqualTo(new[] { "Local", "Remote", "Local", "Remote" }), "desktop start, phone takes control, hands it back, takes it again");
        Assert.That(switching.Inputs.Any(r => r.Event is Shutdown), Is.True);

        var permissions = CaptureReader.ReadFile(files[2]);
        var decisions = permissions.Outputs.Select(r => r.Command).OfType<CompletePermissionDecision>().Select(d => d.Allow).ToList();
        Assert.That(decisions, Is.EqualTo(new[] { true, false }), "the phone approved the first prompt and denied the second");
        Assert.That(permissions.Inputs.Count(r => r.Event is PermissionDecided), Is.EqualTo(2));

        foreach (var file in files)
        {
            var text = await File.ReadAllTextAsync(file, cancellationToken);
            Assert.That(text, Does.Not.Contain(Convert.ToBase64String(secret)).And.Not.Contain(Convert.ToHexStringLower(secret)), file);
            Assert.That(text, Does.Not.Contain(LiveFlows.SwitchMessage).And.Not.Contain(LiveFlows.PermissionMessage), file);
        }
    }

    [NUnit.Framework.Test]
    [CancelAfter(120_000)]
    public async Task With_server_local_the_command_starts_the_test_relay_and_needs_no_secret_file(CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, "one.jsonl");
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await RecordCommand.RunAsync(new RecordArguments("local", null, "fake", "live-two-quick-phone-messages", path, 20), output, error, cancellationToken);

        Assert.That(exit, Is.Zero, error.ToString());
        Assert.That(output.ToString(), Does.Contain("started the test relay at http://127.0.0.1:").And.Contain("recorded " + path));
        var replayOut = new StringWriter();
        Assert.That(ReplayCommand.Run([path], replayOut, TextWriter.Null), Is.Zero, replayOut.ToString());
        var sends = CaptureReader.ReadFile(path).Outputs.Select(r => r.Command).OfType<SendToAgent>().ToList();
        Assert.That(sends, Has.Count.EqualTo(2));
    }

    [NUnit.Framework.Test]
    public async Task A_secret_file_without_a_32_byte_secret_exits_2_without_quoting_it()
    {
        var secretFile = Path.Combine(folder, "master.key");
        await File.WriteAllTextAsync(secretFile, "correct-horse-battery-staple");
        var error = new StringWriter();

        var exit = await RecordCommand.RunAsync(new RecordArguments(relay.BaseUri.ToString(), secretFile, "fake", "all", folder, 5), TextWriter.Null, error, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error.ToString(), Does.Contain("no 32-byte master secret").And.Not.Contain("correct-horse"));
        Assert.That(Directory.EnumerateFiles(folder, "*.jsonl"), Is.Empty, "nothing recorded");
    }

    [NUnit.Framework.Test]
    public async Task A_missing_secret_file_or_bad_arguments_exit_2_with_a_message()
    {
        var missing = Path.Combine(folder, "nope.key");
        var cases = new (RecordArguments Arguments, string Message)[]
        {
            (new(relay.BaseUri.ToString(), missing, "fake", "all", folder, 5), "cannot read the secret file"),
            (new(null, missing, "fake", "all", folder, 5), "--server URL is required"),
            (new("ftp://relay", missing, "fake", "all", folder, 5), "--server must be an http or https URL"),
            (new(relay.BaseUri.ToString(), null, "fake", "all", folder, 5), "--secret-file FILE is required"),
            (new(relay.BaseUri.ToString(), missing, "claude", "all", folder, 5), "unsupported --agent"),
            (new(relay.BaseUri.ToString(), missing, "fake", "no-such-flow", folder, 5), "unknown flow"),
            (new(relay.BaseUri.ToString(), missing, "fake", "all", Path.Combine(folder, "one.jsonl"), 5), "--out FILE records one flow"),
        };

        foreach (var (arguments, message) in cases)
        {
            var error = new StringWriter();
            var exit = await RecordCommand.RunAsync(arguments, TextWriter.Null, error, CancellationToken.None);
            Assert.That(exit, Is.EqualTo(2), arguments.ToString());
            Assert.That(error.ToString(), Does.Contain(message), arguments.ToString());
        }
    }

    [NUnit.Framework.Test]
    [CancelAfter(60_000)]
    public async Task An_unreachable_relay_exits_1_with_a_message_and_does_not_hang(CancellationToken cancellationToken)
    {
        var secretFile = Path.Combine(folder, "master.key");
        await File.WriteAllTextAsync(secretFile, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), cancellationToken);
        var error = new StringWriter();

        var exit = await RecordCommand.RunAsync(
            new RecordArguments($"http://127.0.0.1:{FreePort()}", secretFile, "fake", "live-two-quick-phone-messages", folder, 3), TextWriter.Null, error, cancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);

        Assert.That(exit, Is.EqualTo(1));
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), "one line");
        Assert.That(lines[0], Does.Contain("cannot reach the relay"));
    }

    private static string Written(LiveCaptureResult result)
    {
        var writer = new StringWriter();
        result.Recorder.WriteTo(writer);
        return writer.ToString();
    }

    private static void AssertNoSecret(string text, byte[] masterSecret, LiveCaptureResult result, params string[] messages)
    {
        var forbidden = new List<string>(messages);
        foreach (var bytes in result.SecretBytesToAudit.Append(masterSecret))
        {
            forbidden.Add(Convert.ToBase64String(bytes));
            forbidden.Add(Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
            forbidden.Add(Convert.ToHexStringLower(bytes));
            forbidden.Add(Convert.ToHexString(bytes));
            forbidden.Add(Encoding.Latin1.GetString(bytes));
        }

        foreach (var token in result.SecretsToAudit)
        {
            Assert.That(token, Is.Not.Empty, "the relay issued a token");
            forbidden.Add(token);
            forbidden.AddRange(token.Split('.').Where(part => part.Length >= 16)); // each JWT part on its own
        }

        foreach (var message in messages)
        {
            forbidden.Add(Convert.ToBase64String(Encoding.UTF8.GetBytes(message)));
            forbidden.Add(Convert.ToHexStringLower(Encoding.UTF8.GetBytes(message)));
        }

        Assert.That(forbidden.Where(text.Contains), Is.Empty, "no secret or message text survives in the written capture");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
