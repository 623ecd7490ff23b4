using System.Collections.Immutable;
using Delight.Runtime.Actor;
using Delight.Runtime.Agents;
using Delight.Runtime.Mailbox;

namespace Delight.Runtime.Session;

/// <summary>
/// The CLI-side session runtime (RUNTIME.md §0 with the fixes of §10): one <see cref="ActorLoop{TState,TEvent,TCommand}"/>
/// owns <see cref="SessionState"/> and reduces events with <see cref="SessionReducer"/>; an <see cref="EffectsRunner{TCommand}"/>
/// hands the commands to <see cref="SessionEffects"/>, whose results come back as events. Callers use the async methods
/// below: each registers a reply, posts an event carrying its id and awaits the reply, which completes only after the
/// state it reports is committed. Inbound socket traffic is decoded at the edge by <see cref="SessionSocketHandler"/>.
/// </summary>
public sealed class SessionRuntime : IAsyncDisposable
{
    private static readonly ReplyOutcome StoppedError = ReplyOutcome.Error(ReplyErrorCode.Closed, "session runtime stopped");

    private readonly SessionWorld _world;
    private readonly ActorLoop<SessionState, SessionEvent, SessionCommand> _loop;
    private readonly EffectsRunner<SessionCommand> _runner;
    private readonly SessionEffects _effects;
    private readonly CompletionRegistry<ReplyOutcome> _replies = new();
    private readonly CompletionRegistry<PermissionDecision> _decisions = new();
    private readonly TaskCompletionSource<string?> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _cancel = new();
    private readonly object _gate = new();
    private Task? _loopTask;
    private Task? _runnerTask;
    private Task? _stopTask;

    public SessionRuntime(
        SessionWorld world,
        SessionState initial,
        ReadOnlySpan<byte> dataKey,
        IActorObserver<SessionState, SessionEvent, SessionCommand>? observer = null)
    {
        _world = world ?? throw new ArgumentNullException(nameof(world));
        ArgumentNullException.ThrowIfNull(initial);
        Settings = initial.Settings;
        var inbox = world.Mailboxes.Create<SessionEvent>(new MailboxOptions("session-inbox", world.InboxCapacity));
        var batches = world.Mailboxes.Create<ImmutableArray<SessionCommand>>(new MailboxOptions("session-effects", world.EffectsCapacity));
        _effects = new SessionEffects(world, initial.Settings, dataKey, e => inbox.PostAsync(e), _replies, _decisions, error => _ended.TrySetResult(error));
        _loop = new ActorLoop<SessionState, SessionEvent, SessionCommand>(initial, SessionReducer.Instance, inbox, batches, observer, inlineHandler: _effects.Inline);
        _runner = new EffectsRunner<SessionCommand>(batches, _effects);
        SocketHandler = new SessionSocketHandler(this, _effects);
        world.Socket.SetHandler(SocketHandler);
    }

    public SessionSettings Settings { get; }

    /// <summary>The committed state (immutable; safe from any thread).</summary>
    public SessionState State => _loop.State;

    /// <summary>Completes with the last exit error when the session ends (FSM reached Closed for good), or when stopped.</summary>
    public Task<string?> Ended => _ended.Task;

    public SessionSocketHandler SocketHandler { get; }

    /// <summary>The host handed to the engine (exposed for tests and the simulation).</summary>
    public IAgentHost AgentHost => _effects.Host;

    /// <summary>Starts the loop, the effects runner and its workers, then starts connecting the session socket.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_loopTask is not null)
            {
                return;
            }

            _effects.Start();
            _loopTask = Task.Run(() => _loop.RunAsync(_cancel.Token), CancellationToken.None);
            _runnerTask = Task.Run(() => _runner.RunAsync(_cancel.Token), CancellationToken.None);
        }

        await _world.Socket.ConnectAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts (if needed) and runs until the session ends or <see cref="StopAsync"/>; returns the exit error.</summary>
    public async Task<string?> RunAsync(CancellationToken cancellationToken = default)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        return await TaskWaits.WaitAsync(_ended.Task, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Posts any event (inbound edges, the simulation). Waits when the inbox is full; never drops.</summary>
    public ValueTask PostAsync(SessionEvent @event, CancellationToken cancellationToken = default) => _loop.PostAsync(@event, cancellationToken);

    public Task<ReplyOutcome> SwitchModeAsync(AgentMode target, CancellationToken cancellationToken = default) =>
        CallAsync(id => new SwitchModeRequested(target, id, NowMs()), cancellationToken);

    public Task<ReplyOutcome> SendLocalMessageAsync(string text, string? metaJson = null, CancellationToken cancellationToken = default) =>
        CallAsync(id => new LocalUserMessage(text, metaJson, _world.Ids.NewLocalId(), id, NowMs()), cancellationToken);

    public Task<ReplyOutcome> AbortAsync(CancellationToken cancellationToken = default) =>
        CallAsync(id => new AbortRequested(id, NowMs()), cancellationToken);

    public Task<ReplyOutcome> SetAgentConfigAsync(string? model, string? permissionMode, string? reasoningEffort, CancellationToken cancellationToken = default) =>
        CallAsync(id => new AgentConfigRequested(model, permissionMode, reasoningEffort, id, NowMs()), cancellationToken);

    public Task<ReplyOutcome> GetAgentSettingsAsync(CancellationToken cancellationToken = default) =>
        CallAsync(id => new AgentSettingsRequested(id), cancellationToken);

    public Task<ReplyOutcome> DecidePermissionAsync(string requestId, bool allow, string? message, CancellationToken cancellationToken = default) =>
        CallAsync(id => new PermissionDecided(requestId, allow, message, id, NowMs()), cancellationToken);

    public Task<ReplyOutcome> WaitForPersistAsync(CancellationToken cancellationToken = default) =>
        CallAsync(id => new PersistWaitRequested(id), cancellationToken);

    /// <summary>Graceful shutdown: Closing, both runners stopped; the session then reaches Closed (see <see cref="Ended"/>).</summary>
    public Task<ReplyOutcome> ShutdownAsync(CancellationToken cancellationToken = default) =>
        CallAsync(id => new Shutdown(id, NowMs()), cancellationToken);

    /// <summary>Registers a reply, posts the event carrying its id (in the caller's order) and returns the reply task
    /// without waiting for it, so an edge can post in socket order and answer later.</summary>
    public async ValueTask<Task<ReplyOutcome>> BeginAsync(Func<long, SessionEvent> makeEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(makeEvent);
        var (id, reply) = _replies.Register();
        if (reply.IsCompleted)
        {
            return reply; // stopped
        }

        try
        {
            await _loop.PostAsync(makeEvent(id), cancellationToken).ConfigureAwait(false);
        }
        catch (MailboxClosedException)
        {
            _replies.Complete(id, StoppedError);
        }
        catch (OperationCanceledException)
        {
            _replies.Forget(id);
            throw;
        }

        return reply;
    }

    private async Task<ReplyOutcome> CallAsync(Func<long, SessionEvent> makeEvent, CancellationToken cancellationToken)
    {
        var reply = await BeginAsync(makeEvent, cancellationToken).ConfigureAwait(false);
        return await TaskWaits.WaitAsync(reply, cancellationToken).ConfigureAwait(false);
    }

    internal long NowMs() => _world.Time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Hard stop: no more events; the inbox is drained, effects finish, pending replies complete with
    /// <see cref="ReplyErrorCode.Closed"/>, pending permission waits get a deny, and the engine is closed.</summary>
    public Task StopAsync()
    {
        lock (_gate)
        {
            return _stopTask ??= StopCoreAsync();
        }
    }

    private async Task StopCoreAsync()
    {
        _loop.Inbox.Complete();
        Task? loopTask, runnerTask;
        lock (_gate)
        {
            loopTask = _loopTask;
            runnerTask = _runnerTask;
        }

        if (loopTask is null)
        {
            _loop.Inbox.Complete();
        }
        else
        {
            await IgnoreCancellation(loopTask).ConfigureAwait(false);
            await IgnoreCancellation(runnerTask!).ConfigureAwait(false);
        }

        // Nothing will be reduced any more: answer every caller first, so nothing below waits on a reply.
        _replies.CloseAll(StoppedError);
        _decisions.CloseAll(new PermissionDecision(false, "session runtime stopped"));
        await SocketHandler.DrainAsync().ConfigureAwait(false);
        await _effects.DisposeAsync().ConfigureAwait(false);
        _ended.TrySetResult(_loop.State.LastExitError);
        _cancel.Dispose();
    }

    private static async Task IgnoreCancellation(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
