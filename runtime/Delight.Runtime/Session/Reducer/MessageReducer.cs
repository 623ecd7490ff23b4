using System.Collections.Immutable;
using Delight.Runtime.Agents;

namespace Delight.Runtime.Session;

/// <summary>RUNTIME.md §3.3: phone and local messages, abort, agent output, echo suppression (§3.8). Phone messages
/// reach a runner exactly once and in order: buffered while a runner starts, redelivered when a delivery fails.</summary>
internal static class MessageReducer
{
    /// <summary>Normalization used by every echo window: CRLF → LF, then trim.</summary>
    public static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    /// <summary>cmdInboundUserMessage (§3.3 row 1).</summary>
    public static void OnInbound(Tx tx, InboundUserMessage e)
    {
        var s = tx.S;
        if (InWindow(s.Echo.RecentOutboundLocalIds, e.LocalId, e.NowMs, s.Settings.Timings.OutboundLocalIdTtlMs))
        {
            return; // our own message coming back (echo)
        }

        if (Normalize(e.Text).Length == 0)
        {
            return;
        }

        if (tx.IsFinished)
        {
            tx.Print($"phone message {e.LocalId} ignored: session is closed");
            return;
        }

        var message = NewMessage(tx, e.Text, e.MetaJson, e.LocalId, e.NowMs);
        switch (tx.S.Fsm)
        {
            case FsmState.RemoteRunning:
                StartTurn(tx, e.NowMs);
                tx.Emit(new SendToAgent(tx.S.RunnerGen, message));
                break;
            case FsmState.RemoteStarting:
                Buffer(tx, message);
                StartTurn(tx, e.NowMs);
                break;
            default:
                // Local, starting local, initial Closed (or, with the RunnerRestartedWhileClosing mutant, Closing):
                // automatic handoff to the phone (F2).
                Buffer(tx, message);
                LifecycleReducer.OnSwitch(tx, AgentMode.Remote, null, e.NowMs);
                StartTurn(tx, e.NowMs);
                break;
        }
    }

    /// <summary>cmdRemoteSend: only while the remote runner runs.</summary>
    public static void OnLocalMessage(Tx tx, LocalUserMessage e)
    {
        if (tx.IsFinished)
        {
            tx.Reply(e.ReplyId, Tx.ClosedError);
            return;
        }

        if (tx.S.Fsm != FsmState.RemoteRunning)
        {
            tx.Reply(e.ReplyId, ReplyOutcome.Error(ReplyErrorCode.NotRemote, "not in remote mode"));
            return;
        }

        var message = NewMessage(tx, e.Text, e.MetaJson, e.LocalId, e.NowMs);
        StartTurn(tx, e.NowMs);
        tx.Emit(new SendToAgent(tx.S.RunnerGen, message));
        tx.Reply(e.ReplyId, ReplyOutcome.Ok);
    }

    /// <summary>cmdAbortRemote: abort the turn and withdraw its prompts (fixed: no ghost prompts after an abort).</summary>
    public static void OnAbort(Tx tx, AbortRequested e)
    {
        if (tx.IsFinished)
        {
            tx.Reply(e.ReplyId, Tx.ClosedError);
            return;
        }

        if (tx.S.Fsm != FsmState.RemoteRunning)
        {
            tx.Reply(e.ReplyId, ReplyOutcome.Error(ReplyErrorCode.NotRemote, "not in remote mode"));
            return;
        }

        PermissionReducer.WithdrawAll(tx, "turn aborted", e.NowMs, PermissionReducer.WithdrawCause.Abort);
        tx.Emit(new AbortAgent(tx.S.RunnerGen));
        tx.Reply(e.ReplyId, ReplyOutcome.Ok); // Working is unchanged: the engine reports the end of the turn
    }

    /// <summary>evOutboundMessageReady: agent output to the phone, minus echoes of injected phone texts.</summary>
    public static void OnOutbound(Tx tx, OutboundRecordReady e)
    {
        var s = tx.S;
        if (e.Generation != s.RunnerGen || string.IsNullOrEmpty(e.RecordJson))
        {
            return;
        }

        if (e.UserTextNormalized is { Length: > 0 } userText
            && InWindow(s.Echo.RecentRemoteInputs, userText, e.NowMs, s.Settings.Timings.RemoteInputEchoTtlMs))
        {
            return; // the local runner read back a phone text we injected
        }

        if (!string.IsNullOrEmpty(e.LocalId))
        {
            tx.S = s with
            {
                Echo = s.Echo with
                {
                    RecentOutboundLocalIds = Record(s.Echo.RecentOutboundLocalIds, e.LocalId, e.NowMs, s.Settings.Timings.OutboundLocalIdTtlMs, s.Settings.Timings.OutboundLocalIdMax),
                },
            };
        }

        tx.Emit(new EmitMessage(string.IsNullOrEmpty(e.LocalId) ? null : e.LocalId, e.RecordJson));
    }

    /// <summary>A send or inject did not reach its runner: redeliver the message (never lost). A failed send to the
    /// current remote runner counts as its death (F4) and the message goes to the fallback runner.</summary>
    public static void OnDeliveryFailed(Tx tx, AgentDeliveryFailed e)
    {
        var s = tx.S;
        if (tx.IsFinished)
        {
            tx.Print($"phone message {e.Message.LocalId} not delivered: {e.Error}");
            return;
        }

        if (e.Generation == s.RunnerGen && e.Mode == AgentMode.Remote && s.Fsm == FsmState.RemoteRunning)
        {
            Buffer(tx, e.Message);
            LifecycleReducer.FallBackToLocal(tx, e.Error, e.NowMs);
            return;
        }

        if (e.Generation == s.RunnerGen && e.Mode == AgentMode.Local && s.Fsm == FsmState.LocalRunning)
        {
            // This local runner cannot take typed input: keep the message for the next remote runner.
            tx.Print($"phone message {e.Message.LocalId} kept for the next remote runner: {e.Error}");
            Buffer(tx, e.Message);
            return;
        }

        Deliver(tx, e.Message, e.NowMs);
    }

    /// <summary>Sends or buffers a message according to the current runner.</summary>
    private static void Deliver(Tx tx, BufferedMessage message, long nowMs)
    {
        switch (tx.S.Fsm)
        {
            case FsmState.RemoteRunning:
                tx.Emit(new SendToAgent(tx.S.RunnerGen, message));
                break;
            case FsmState.LocalRunning:
                Inject(tx, message, nowMs);
                break;
            default:
                Buffer(tx, message);
                break;
        }
    }

    /// <summary>Ready(G, remote): Send(G, m) for each buffered message in FIFO order; buffer cleared.</summary>
    public static void FlushBufferToRemote(Tx tx)
    {
        foreach (var m in tx.S.BufferedMessages)
        {
            tx.Emit(new SendToAgent(tx.S.RunnerGen, m));
        }

        tx.S = tx.S with { BufferedMessages = [] };
    }

    /// <summary>Ready(G, local) after a failed remote start: inject the buffered phone messages into the new local
    /// runner (recorded in the echo window so the runner's read-back is not sent to the phone again).</summary>
    public static void FlushBufferToLocal(Tx tx, long nowMs)
    {
        var buffered = tx.S.BufferedMessages;
        tx.S = tx.S with { BufferedMessages = [] };
        foreach (var m in buffered)
        {
            Inject(tx, m, nowMs);
        }
    }

    private static void Inject(Tx tx, BufferedMessage message, long nowMs)
    {
        var s = tx.S;
        tx.S = s with
        {
            Echo = s.Echo with
            {
                RecentRemoteInputs = Record(s.Echo.RecentRemoteInputs, Normalize(message.Text), nowMs, s.Settings.Timings.RemoteInputEchoTtlMs, s.Settings.Timings.RemoteInputEchoMax),
            },
        };
        tx.Emit(new InjectToAgent(s.RunnerGen, message));
    }

    /// <summary>StartTurn (maybeStartTurn): optimistically mark a turn.</summary>
    private static void StartTurn(Tx tx, long nowMs) => WorkingReducer.SetWorking(tx, true, nowMs);

    private static BufferedMessage NewMessage(Tx tx, string text, string? meta, string localId, long nowMs)
    {
        var seq = tx.S.NextMessageSeq;
        tx.S = tx.S with { NextMessageSeq = seq + 1 };
        return new BufferedMessage(seq, text, meta, localId, nowMs);
    }

    /// <summary>Adds a message to the buffer in phone order (by sequence), once.</summary>
    private static void Buffer(Tx tx, BufferedMessage message)
    {
        var list = tx.S.BufferedMessages;
        if (list.Any(m => m.Seq == message.Seq))
        {
            return;
        }

        var index = list.FindIndex(m => m.Seq > message.Seq);
        tx.S = tx.S with { BufferedMessages = index < 0 ? list.Add(message) : list.Insert(index, message) };
    }

    /// <summary>Is <paramref name="value"/> in the window and younger than the TTL? NowMs ≤ 0 disables the windows.</summary>
    private static bool InWindow(ImmutableList<EchoEntry> window, string value, long nowMs, long ttlMs) =>
        nowMs > 0 && window.Any(x => x.Value == value && nowMs - x.AtMs <= ttlMs);

    private static ImmutableList<EchoEntry> Record(ImmutableList<EchoEntry> window, string value, long nowMs, long ttlMs, int max)
    {
        if (nowMs <= 0)
        {
            return window;
        }

        var kept = window.RemoveAll(x => nowMs - x.AtMs > ttlMs).Add(new EchoEntry(value, nowMs));
        return kept.Count > max ? kept.RemoveRange(0, kept.Count - max) : kept;
    }
}
