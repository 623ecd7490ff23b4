using Delight.Runtime.Capture;
using Delight.Runtime.Capture.Schema;
using Delight.Runtime.Session;
using Delight.Sim.CaptureStudio;
using Delight.Sim.Replay;
using NUnit.Framework;

namespace Delight.Scenarios.Tests.Captures;

/// <summary>Every capture under captures/ is a regression test: adding a file adds a test case.</summary>
public sealed class CommittedCaptureTests
{
    private static string Folder => Path.Combine(TestContext.CurrentContext.TestDirectory, "captures");

    public static IEnumerable<TestCaseData> Committed() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "captures"), "*.jsonl")
            .Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(Path.GetFileName(path)).SetName($"Replays_clean({Path.GetFileNameWithoutExtension(path)})"));

    [TestCaseSource(nameof(Committed))]
    public void Replays_clean(string file)
    {
        var path = Path.Combine(Folder, file);
        var lines = File.ReadAllLines(path);
        Assert.That(CaptureSchema.Validate(lines), Is.Empty, "the capture follows the schema");
        var report = CaptureReplayer.Replay(CaptureReader.ReadFile(path), file);
        var writer = new StringWriter();
        ReplayReportPrinter.Print(report, writer);
        Assert.That(report.IsClean, Is.True, writer.ToString());
    }

    [NUnit.Framework.Test]
    public void The_six_required_captures_are_committed()
    {
        var committed = Directory.EnumerateFiles(Folder, "*.jsonl").Select(Path.GetFileNameWithoutExtension).ToHashSet();
        Assert.That(committed, Is.SupersetOf(CaptureFlows.All.Select(f => f.Name)));
    }

    [NUnit.Framework.Test]
    public void Each_flow_shows_what_it_claims_to_cover()
    {
        CaptureFile Of(string name) => CaptureFlows.Find(name)!.Record().Snapshot();

        var permissions = Of("permissions-approved-denied-timed-out");
        Assert.That(permissions.Inputs.Any(r => r.Event is PermissionDecided { Allow: true }), Is.True, "approved");
        Assert.That(permissions.Inputs.Any(r => r.Event is PermissionDecided { Allow: false }), Is.True, "denied");
        Assert.That(permissions.Outputs.Count(r => r.Command is CompletePermissionDecision), Is.EqualTo(3), "every wait is resolved, the third by its timeout");

        var reconnect = Of("reconnect-mid-turn-version-mismatch");
        Assert.That(reconnect.Inputs.Any(r => r.Event is SocketDisconnected), Is.True);
        Assert.That(reconnect.Inputs.Any(r => r.Event is PersistVersionMismatch), Is.True, "a version-mismatch retry");
        Assert.That(reconnect.Inputs.Last(r => r.Event is PersistSucceeded or PersistVersionMismatch or PersistFailed).Event, Is.TypeOf<PersistSucceeded>());

        var switching = Of("local-remote-local-switching");
        Assert.That(switching.Outputs.Count(r => r.Command is StartRunner { Mode: Runtime.Agents.AgentMode.Local }), Is.GreaterThanOrEqualTo(2));
        Assert.That(switching.Outputs.Count(r => r.Command is StartRunner { Mode: Runtime.Agents.AgentMode.Remote }), Is.GreaterThanOrEqualTo(2));

        var shutdown = Of("shutdown-during-permission-wait");
        Assert.That(shutdown.Outputs.Any(r => r.Command is CompletePermissionDecision { Allow: false }), Is.True, "the waiting engine is released");
        Assert.That(shutdown.Inputs.Last().State!.PendingRequests, Is.Empty, "no prompt left on the phone");

        var quick = Of("two-quick-phone-messages");
        var sends = quick.Outputs.Select(r => r.Command).OfType<SendToAgent>().Select(s => s.Message.Text).ToList();
        Assert.That(sends, Is.EqualTo(new[] { "first: add a test for refunds", "second: then run it" }));

        var conversation = Of("phone-conversation-with-tool-output");
        Assert.That(conversation.Outputs.Count(r => r.Command is EmitMessage), Is.GreaterThanOrEqualTo(3), "tool use, tool result and answer reach the phone");
    }
}
