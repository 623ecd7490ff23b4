using System.Collections.Immutable;
using Delight.Runtime.Actor;
using Delight.Runtime.Agents;
using Delight.Runtime.Capture;
using Delight.Runtime.Mailbox;
using Delight.Runtime.Session;

namespace Delight.Benchmarks.Replay;

/// <summary>Builds the capture the replay suites use: the real loop with the real reducer and a
/// <see cref="CaptureRecorder"/> observing it, fed a mix of phone messages, socket churn and agent output.</summary>
public static class ReplayWorkload
{
    public const int Events = 5_000;

    public static CaptureFile Record()
    {
        var initial = new CaptureInitialState(SessionSettings.Create("bench-replay", "claude", "/work"), AgentStateDoc.Create("claude"), 0);
        var recorder = new CaptureRecorder(initial, TimeProvider.System, "benchmarks replay workload");
        var inbox = new ChannelMailbox<SessionEvent>(new MailboxOptions("record-inbox", 1024));
        var effects = new ChannelMailbox<ImmutableArray<SessionCommand>>(new MailboxOptions("record-effects", 1024));
        var loop = new ActorLoop<SessionState, SessionEvent, SessionCommand>(initial.ToState(), SessionReducer.Instance, inbox, effects, recorder);
        var running = loop.RunAsync();
        var draining = Task.Run(async () =>
        {
            while (await effects.WaitToReceiveAsync().ConfigureAwait(false))
            {
                while (effects.TryReceive(out _))
                {
                }
            }
        });
        foreach (var e in Inputs())
        {
            inbox.PostAsync(e).AsTask().GetAwaiter().GetResult();
        }

        inbox.Complete();
        running.GetAwaiter().GetResult();
        draining.GetAwaiter().GetResult();
        return recorder.Snapshot();
    }

    public static string ToText(CaptureFile capture)
    {
        using var text = new StringWriter();
        CaptureWriter.Write(text, capture, sanitizer: null);
        return text.ToString();
    }

    private static IEnumerable<SessionEvent> Inputs()
    {
        for (var i = 0; i < Events; i++)
        {
            var now = 1_000_000L + i;
            yield return (i % 10) switch
            {
                0 => new SocketConnected(now),
                1 => new InboundUserMessage($"message {i}", null, $"lid-in-{i}", now),
                5 => new SocketDisconnected("transport close", now),
                7 => new EngineWorking(0, AgentMode.Local, i % 20 == 7, now),
                _ => new OutboundRecordReady(0, AgentMode.Local, $"lid-out-{i}",
                    "{\"role\":\"agent\",\"content\":{\"type\":\"output\",\"data\":{\"type\":\"assistant\",\"text\":\"working on it\"}}}",
                    null, now),
            };
        }
    }
}
