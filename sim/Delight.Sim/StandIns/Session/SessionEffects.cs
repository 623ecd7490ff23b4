using Delight.Runtime.Actor;
using Delight.Runtime.Agents;
using Delight.Runtime.Transport;
using Delight.Sim.Invariants;
using Delight.Sim.StandIns.Wire;

namespace Delight.Sim.StandIns.Session;

/// <summary>
/// Runs the stand-in session's commands on the effects runner. Agent sends go to a FIFO queue with its own worker
/// (a long send never blocks an unrelated effect); persists run in the background and report back as events.
/// </summary>
internal sealed class SessionEffects(StandInSession session) : ICommandHandler<SessionCommand>
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan PersistAckTimeout = TimeSpan.FromSeconds(5);

    public async ValueTask HandleAsync(SessionCommand command, CancellationToken cancellationToken)
    {
        session.Log("effect", Describe(command));
        switch (command)
        {
            case StartRunner start:
                await StartAsync(start).ConfigureAwait(false);
                break;
            case StopRunner stop:
                await session.Engine.StopAsync(stop.Mode, stop.Gen, CancellationToken.None).ConfigureAwait(false);
                break;
            case SendToAgent send:
                session.EnqueueSend(send);
                break;
            case ReplySwitch reply:
                CheckCommitted(reply);
                reply.Reply.Complete(new SwitchResult(reply.Mode == AgentMode.Remote ? "remote" : "local", reply.Error));
                break;
            case Decide decide:
                session.Invariants.Check(
                    decide.Promise.Resolve(new PermissionDecision(decide.Allow, decide.Message)),
                    InvariantNames.PermissionResolvedOnce,
                    $"permission {decide.Promise.RequestId} was resolved a second time");
                break;
            case EmitEphemeral ephemeral:
                await session.Socket.EmitAsync("ephemeral", StandInWire.Write(new EphemeralPayload(session.SessionId, ephemeral.Kind, ephemeral.RequestId, ephemeral.Tool, ephemeral.LocalId)), CancellationToken.None).ConfigureAwait(false);
                if (ephemeral.Kind == "message-failed" && ephemeral.LocalId is { } failed)
                {
                    session.OnMessageReportedFailed(failed);
                }

                break;
            case EmitMessage message:
                await session.Socket.EmitAsync("message", StandInWire.Write(new MessagePayload(session.SessionId, message.LocalId, message.Text)), CancellationToken.None).ConfigureAwait(false);
                break;
            case Persist persist:
                session.Track(PersistAsync(persist));
                break;
            case EmitAlive alive:
                await session.Socket.EmitAsync("session-alive", StandInWire.Write(new SessionAlivePayload(session.SessionId, alive.Working, alive.TurnId)), CancellationToken.None).ConfigureAwait(false);
                break;
            case ReplyShutdown shutdown:
                shutdown.Reply.Complete();
                break;
        }
    }

    private async Task StartAsync(StartRunner start)
    {
        session.ArmStartTimeout(start.Gen, start.Mode, StartTimeout);
        try
        {
            await session.Engine.StartAsync(new AgentStartSpec(start.Gen, start.Mode, "/work", null, null, AgentConfig.Empty), CancellationToken.None).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            await session.TryPostAsync(new RunnerExited(start.Gen, start.Mode, "start failed: " + e.Message)).ConfigureAwait(false);
        }
    }

    /// <summary>A reply is an effect, so the state it reports must already have been committed (RUNTIME.md §10): an
    /// "ok, running (gen, mode)" needs that running state in the commit history; an error needs its generation
    /// committed. (The state may have moved on since; that is fine.)</summary>
    private void CheckCommitted(ReplySwitch reply)
    {
        var state = session.State;
        var committed = reply.Error is null
            ? session.WasCommittedRunning(reply.Gen, reply.Mode)
            : state.Gen >= reply.Gen;
        session.Invariants.Check(committed, InvariantNames.NoReplyBeforeCommit,
            $"{reply.Reply} answered (gen {reply.Gen}, {reply.Mode}, error {reply.Error ?? "none"}) before that state was committed (committed: gen {state.Gen} {state.Fsm})");
    }

    private async Task PersistAsync(Persist persist)
    {
        SessionEvent result;
        try
        {
            var ackJson = await session.Socket.EmitWithAckAsync("update-state", StandInWire.Write(new UpdateStatePayload(session.SessionId, persist.Json, persist.ExpectedVersion)), PersistAckTimeout).ConfigureAwait(false);
            var ack = StandInWire.Read<UpdateStateAck>(ackJson);
            result = ack.Result == "success" ? new PersistSucceeded(ack.Version) : new PersistMismatch(ack.Version);
        }
        catch (Exception e) when (e is SocketAckTimeoutException or SocketDisconnectedException or ObjectDisposedException)
        {
            result = new PersistFailed(e.Message);
        }

        await session.TryPostAsync(result).ConfigureAwait(false);
    }

    private static string Describe(SessionCommand command) => command switch
    {
        ReplySwitch r => $"ReplySwitch({r.Reply}, gen {r.Gen}, {r.Mode}, {r.Error ?? "ok"})",
        Decide d => $"Decide({d.Promise.RequestId}, allow={d.Allow}, {d.Message})",
        Persist p => $"Persist(v{p.ExpectedVersion}, {p.Json})",
        ReplyShutdown => "ReplyShutdown",
        _ => command.ToString(),
    };
}
