using System.Text.Json.Nodes;
using Delight.Runtime.Capture;
using Delight.Runtime.Capture.Schema;
using Delight.Runtime.Session;
using Delight.Sim.Replay;
using NUnit.Framework;

namespace Delight.Scenarios.Tests.Captures;

public sealed class CaptureRoundTripTests
{
    [NUnit.Framework.Test]
    public void A_recorded_session_replays_clean()
    {
        var capture = CaptureScripts.Record(CaptureScripts.Conversation()).Snapshot();
        Assert.That(capture.Outputs.Count(), Is.GreaterThan(5), "the script produced commands");

        var report = CaptureReplayer.Replay(capture, "conversation");

        Assert.That(report.IsClean, Is.True, Describe(report));
        Assert.That(report.InputsReplayed, Is.EqualTo(CaptureScripts.Conversation().Count));
    }

    [NUnit.Framework.Test]
    public void A_sanitized_capture_keeps_no_secret_validates_against_the_schema_and_replays_clean()
    {
        var writer = new StringWriter();
        CaptureScripts.Record(CaptureScripts.Conversation()).WriteTo(writer);
        var text = writer.ToString();

        Assert.That(text, Does.Not.Contain(CaptureScripts.SessionId));
        Assert.That(text, Does.Not.Contain("billing module"));
        Assert.That(text, Does.Not.Contain("/home/alice"));
        Assert.That(text, Does.Not.Contain("tax code"));
        Assert.That(CaptureSchema.Validate(text.Split('\n')), Is.Empty);

        var capture = CaptureReader.Read(new StringReader(text));
        Assert.That(capture.Header.Pseudonyms["session"], Is.EqualTo(1));
        var report = CaptureReplayer.Replay(capture, "sanitized");
        Assert.That(report.IsClean, Is.True, Describe(report));
    }

    [NUnit.Framework.Test]
    public void A_changed_recorded_command_is_reported_as_a_divergence_with_context()
    {
        var capture = CaptureScripts.Record(CaptureScripts.Conversation()).Snapshot();
        var send = capture.Records.First(r => r.Command is SendToAgent);
        var tampered = capture with
        {
            Records = capture.Records.Replace(send, send with { Command = ((SendToAgent)send.Command!) with { Generation = 99 } }),
        };

        var report = CaptureReplayer.Replay(tampered, "tampered");

        Assert.That(report.Divergence, Is.Not.Null);
        var divergence = report.Divergence!;
        var input = capture.Records.Last(r => r.Index < send.Index && r.Dir == CaptureDirection.In);
        Assert.That(divergence.InputIndex, Is.EqualTo(input.Index), "the divergence names the input whose reduction differed");
        Assert.That(divergence.Difference, Does.Contain("generation"));
        Assert.That(divergence.Expected.Any(e => e.Contains("\"generation\":99", StringComparison.Ordinal)), Is.True);
        Assert.That(divergence.Actual.Any(a => a.Contains("\"generation\":1", StringComparison.Ordinal)), Is.True);
        Assert.That(divergence.Preceding, Is.Not.Empty);
    }

    [NUnit.Framework.Test]
    public void A_changed_recorded_state_is_reported_field_by_field()
    {
        var capture = CaptureScripts.Record(CaptureScripts.Conversation()).Snapshot();
        var ready = capture.Records.First(r => r.Event is RunnerReady);
        var tampered = capture with
        {
            Records = capture.Records.Replace(ready, ready with { State = ready.State! with { Fsm = FsmState.LocalRunning } }),
        };

        var report = CaptureReplayer.Replay(tampered, "tampered-state");

        Assert.That(report.Divergence, Is.Not.Null);
        Assert.That(report.Divergence!.InputIndex, Is.EqualTo(ready.Index));
        Assert.That(report.Divergence.StateDifferences, Has.Some.Contains("fsm: LocalRunning → RemoteRunning"));
    }

    [NUnit.Framework.Test]
    public void The_checked_in_schema_is_the_one_the_types_generate()
    {
        var checkedIn = Path.Combine(TestContext.CurrentContext.TestDirectory, "captures", "capture.schema.json");
        Assert.That(File.Exists(checkedIn), Is.True, "captures/capture.schema.json is copied next to the tests");
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(checkedIn)), CaptureSchema.Generate()), Is.True,
            "captures/capture.schema.json is stale: regenerate it with `delight-sim capture schema > captures/capture.schema.json`");
    }

    [TestCase("", 1, "(header)")]
    [TestCase("{\"format\":\"other\"}", 1, "format")]
    [TestCase("not json", 1, "(line)")]
    public void Bad_captures_name_the_line_and_the_field(string text, int line, string field)
    {
        var error = Assert.Throws<CaptureFormatException>(() => CaptureReader.Read(new StringReader(text)));
        Assert.That(error!.Line, Is.EqualTo(line));
        Assert.That(error.Field, Is.EqualTo(field));
    }

    [NUnit.Framework.Test]
    public void A_record_with_a_mistyped_field_names_it()
    {
        var writer = new StringWriter();
        CaptureScripts.Record(CaptureScripts.Conversation()).WriteTo(writer);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        lines[3] = lines[3].Replace("\"atMs\":", "\"atMs\":\"soon\",\"x\":", StringComparison.Ordinal);

        var error = Assert.Throws<CaptureFormatException>(() => CaptureReader.Read(new StringReader(string.Join('\n', lines))));
        Assert.That(error!.Line, Is.EqualTo(4));
        Assert.That(error.Field, Is.EqualTo("atMs"));
    }

    private static string Describe(ReplayReport report) =>
        report.Divergence is { } d
            ? $"diverged at #{d.InputIndex}: {d.Difference}; state: {string.Join("; ", d.StateDifferences)}\nexpected: {string.Join("\n  ", d.Expected)}\nactual: {string.Join("\n  ", d.Actual)}"
            : report.Violation is { } v ? $"{v.Invariant}: {v.Detail}" : "clean";
}
