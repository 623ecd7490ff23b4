using System.Collections.Immutable;
using Delight.Runtime.Actor;

namespace Delight.Agents.Daemon;

/// <summary>
/// The terminal daemon as a pure reducer (ENGINES.md §9, PROTOCOL.md §5.3, §6.8): register the terminal, keep it alive,
/// answer <c>ping</c>, and run the shutdown sequence on <c>stop-daemon</c> (exit 0) or <c>restart-daemon</c> (exit 75):
/// close the session after 200 ms, exit 200 ms later, with a 2 s watchdog. Only the first stop or restart decides the
/// exit code; later ones are acknowledged only (upstream arms a watchdog with their own code, which can exit with the
/// wrong code if closing stalls). The process exits exactly once.
/// </summary>
public sealed class TerminalDaemonReducer : IReducer<TerminalDaemonState, DaemonEvent, DaemonCommand>
{
    public const int RestartExitCode = 75;
    public const string StopMessage = "Daemon stop request acknowledged, starting shutdown sequence...";
    public const string RestartMessage = "Daemon restart request acknowledged, starting shutdown sequence...";

    private readonly TerminalDaemonTimings _timings;

    public TerminalDaemonReducer(TerminalDaemonTimings? timings = null)
    {
        _timings = timings ?? TerminalDaemonTimings.Default;
    }

    public static IReadOnlyList<string> MethodsFor(string terminalId) =>
        [terminalId + ":stop-daemon", terminalId + ":restart-daemon", terminalId + ":ping"];

    public Transition<TerminalDaemonState, DaemonCommand> Reduce(TerminalDaemonState state, DaemonEvent @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Phase == DaemonPhase.Exited)
        {
            // Terminal state: only RPCs still get an answer, nothing restarts.
            return @event is TerminalRpcRequested late
                ? Emit(state, new ReplyRpc(late.ReplyId, "{\"error\":\"daemon is exiting\"}", false))
                : Transition<TerminalDaemonState, DaemonCommand>.Unchanged(state);
        }

        return @event switch
        {
            DaemonStarted started => OnStarted(state, started),
            TerminalRegistered registered => OnRegistered(state, registered),
            TerminalRegistrationFailed => Emit(state with { Phase = Phase(state, DaemonPhase.Registering) }, new StartTimer(_timings.RegistrationRetry, new RetryRegistrationDue())),
            RetryRegistrationDue when !state.Registered && state.Phase != DaemonPhase.ShuttingDown => Emit(state, new RegisterTerminal(state.Metadata, RunningState(state))),
            TerminalSocketConnected => OnConnected(state),
            TerminalSocketDisconnected => Transition<TerminalDaemonState, DaemonCommand>.Unchanged(state with { Connected = false }),
            AliveTimerFired => OnAlive(state),
            TerminalRpcRequested rpc => OnRpc(state, rpc),
            ShutdownStepDue { Step: ShutdownStep.CloseSession } => Emit(state, new CloseSession(), new StartTimer(_timings.ShutdownStep, new ShutdownStepDue(ShutdownStep.Exit))),
            ShutdownStepDue { Step: ShutdownStep.Exit } => Exit(state, state.ShutdownExitCode ?? 0),
            ShutdownWatchdogFired watchdog => Exit(state, state.ShutdownExitCode ?? watchdog.ExitCode),
            DaemonStateWriteAcked ack => OnStateAck(state, ack),
            _ => Transition<TerminalDaemonState, DaemonCommand>.Unchanged(state),
        };
    }

    private Transition<TerminalDaemonState, DaemonCommand> OnStarted(TerminalDaemonState state, DaemonStarted started)
    {
        var next = state with { Phase = DaemonPhase.Registering, StartedAtMs = started.AtMs };
        return Emit(next, new RegisterTerminal(state.Metadata, RunningState(next)), new StartTimer(_timings.AliveInterval, new AliveTimerFired()));
    }

    private static Transition<TerminalDaemonState, DaemonCommand> OnRegistered(TerminalDaemonState state, TerminalRegistered registered)
    {
        var next = state with
        {
            Registered = true,
            DaemonStateVersion = registered.Registration.DaemonStateVersion,
            Phase = Phase(state, DaemonPhase.Running),
        };
        return next.Connected && !next.RunningStateWritten && next.Phase == DaemonPhase.Running
            ? Emit(next with { RunningStateWritten = true }, new WriteDaemonState(RunningState(next), next.DaemonStateVersion))
            : Transition<TerminalDaemonState, DaemonCommand>.Unchanged(next);
    }

    private static Transition<TerminalDaemonState, DaemonCommand> OnConnected(TerminalDaemonState state)
    {
        var next = state with { Connected = true };
        // RPC handlers are registered again on every connection (a reconnect drops them on the relay).
        var commands = ImmutableArray.CreateBuilder<DaemonCommand>();
        commands.Add(new RegisterRpcMethods(MethodsFor(state.TerminalId)));
        commands.Add(new EmitTerminalAlive());
        if (next.Registered && !next.RunningStateWritten && next.Phase == DaemonPhase.Running)
        {
            next = next with { RunningStateWritten = true };
            commands.Add(new WriteDaemonState(RunningState(next), next.DaemonStateVersion));
        }

        return new(next, commands.ToImmutable());
    }

    private Transition<TerminalDaemonState, DaemonCommand> OnAlive(TerminalDaemonState state)
    {
        var rearm = new StartTimer(_timings.AliveInterval, new AliveTimerFired());
        return state.Connected ? Emit(state, new EmitTerminalAlive(), rearm) : Emit(state, rearm);
    }

    private Transition<TerminalDaemonState, DaemonCommand> OnRpc(TerminalDaemonState state, TerminalRpcRequested rpc)
    {
        var encrypt = rpc.ParamsKind is RpcParamsKind.Empty or RpcParamsKind.Encrypted;
        if (rpc.ParamsKind == RpcParamsKind.Undecryptable)
        {
            return Emit(state, new ReplyRpc(rpc.ReplyId, "{\"error\":\"decryption failed\"}", false));
        }

        var prefix = state.TerminalId + ":";
        var name = rpc.Method.StartsWith(prefix, StringComparison.Ordinal) ? rpc.Method[prefix.Length..] : null;
        switch (name)
        {
            case "ping":
                return Emit(state, new ReplyRpc(rpc.ReplyId, "{\"success\":true}", encrypt));
            case "stop-daemon" or "restart-daemon":
                var restart = name == "restart-daemon";
                var reply = new ReplyRpc(rpc.ReplyId, "{\"message\":\"" + (restart ? RestartMessage : StopMessage) + "\"}", encrypt);
                if (state.ShutdownExitCode is not null)
                {
                    return Emit(state, reply); // only the first request takes effect
                }

                var code = restart ? RestartExitCode : 0;
                var next = state with { Phase = DaemonPhase.ShuttingDown, ShutdownExitCode = code };
                var commands = ImmutableArray.CreateBuilder<DaemonCommand>();
                commands.Add(reply);
                if (next.Connected && next.Registered)
                {
                    commands.Add(new WriteDaemonState(new DaemonStateRecord(DaemonStateRecord.ShuttingDown, state.Pid, state.StartedAtMs), next.DaemonStateVersion));
                }

                commands.Add(new StartTimer(_timings.ShutdownStep, new ShutdownStepDue(ShutdownStep.CloseSession)));
                commands.Add(new StartTimer(_timings.Watchdog, new ShutdownWatchdogFired(code)));
                return new(next, commands.ToImmutable());
            default:
                return Emit(state, new ReplyRpc(rpc.ReplyId, System.Text.Json.JsonSerializer.Serialize(new { error = "unknown method: " + rpc.Method }), false));
        }
    }

    private static Transition<TerminalDaemonState, DaemonCommand> OnStateAck(TerminalDaemonState state, DaemonStateWriteAcked ack) =>
        ack.Result switch
        {
            "success" when ack.Version is { } v => Transition<TerminalDaemonState, DaemonCommand>.Unchanged(state with { DaemonStateVersion = v }),
            // Terminal writers adopt the returned version and do not retry (PROTOCOL.md §10).
            "version-mismatch" when ack.Version is { } v => Transition<TerminalDaemonState, DaemonCommand>.Unchanged(state with { DaemonStateVersion = v }),
            _ => Transition<TerminalDaemonState, DaemonCommand>.Unchanged(state),
        };

    private static Transition<TerminalDaemonState, DaemonCommand> Exit(TerminalDaemonState state, int code) =>
        Emit(state with { Phase = DaemonPhase.Exited }, new ExitProcess(code));

    private static DaemonPhase Phase(TerminalDaemonState state, DaemonPhase wanted) =>
        state.Phase == DaemonPhase.ShuttingDown ? DaemonPhase.ShuttingDown : wanted;

    private static DaemonStateRecord RunningState(TerminalDaemonState state) => new(DaemonStateRecord.Running, state.Pid, state.StartedAtMs);

    private static Transition<TerminalDaemonState, DaemonCommand> Emit(TerminalDaemonState state, params DaemonCommand[] commands) =>
        new(state, [.. commands]);
}
