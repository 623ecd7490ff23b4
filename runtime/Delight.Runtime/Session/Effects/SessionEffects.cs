using System.Text;
using Delight.Protocol.Crypto;
using Delight.Runtime.Actor;
using Delight.Runtime.Agents;
using Delight.Runtime.Mailbox;
using Delight.Runtime.Mutants;

namespace Delight.Runtime.Session;

/// <summary>
/// Executes session commands off the loop (RUNTIME.md §2.6, fixed). <see cref="HandleAsync"/> never waits for slow
/// work: each resource has its own FIFO queue and worker, and results come back as events:
/// <list type="bullet">
/// <item>socket emits: one ordered queue (messages, ephemerals, session-alive, rpc-register);</item>
/// <item>persist: each <c>update-state</c> runs as its own task and posts its result with the request's seq;</item>
/// <item>agent lifecycle (start, stop, apply, abort): one control queue, never behind a send;</item>
/// <item>agent sends and injects: ONE FIFO send queue, so the engine sees them in order and a send that blocks a whole
/// turn (ACP) blocks nothing else;</item>
/// <item>timers: <see cref="TimeProvider.CreateTimer"/>, each fire carrying the token it was armed with;</item>
/// <item>replies and decisions: completed from the registries (the loop committed the state before posting the batch).</item>
/// </list>
/// </summary>
public sealed partial class SessionEffects : ICommandHandler<SessionCommand>, IAsyncDisposable
{
    private readonly SessionWorld _world;
    private readonly SessionSettings _settings;
    private readonly ContentCipher _cipher;
    private readonly Func<SessionEvent, ValueTask> _post;
    private readonly CompletionRegistry<ReplyOutcome> _replies;
    private readonly Action<string?> _onEnded;
    private readonly IMailbox<Func<CancellationToken, Task>> _socketQueue;
    private readonly IMailbox<SessionCommand> _controlQueue;
    private readonly IMailbox<SessionCommand> _sendQueue;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskTracker _background;
    private readonly object _gate = new();
    private readonly Dictionary<string, ITimer> _timers = [];
    private readonly SemaphoreSlim _nonFifoSendLock = new(1, 1);
    private readonly List<Task> _workers = [];
    private IAgentEngine? _engine;
    private long _localGen;
    private long _remoteGen;

    public SessionEffects(
        SessionWorld world,
        SessionSettings settings,
        ReadOnlySpan<byte> dataKey,
        Func<SessionEvent, ValueTask> post,
        CompletionRegistry<ReplyOutcome> replies,
        CompletionRegistry<PermissionDecision> decisions,
        Action<string?> onEnded)
    {
        _world = world ?? throw new ArgumentNullException(nameof(world));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _cipher = new ContentCipher(dataKey, world.Random);
        _post = post ?? throw new ArgumentNullException(nameof(post));
        _replies = replies ?? throw new ArgumentNullException(nameof(replies));
        Decisions = decisions ?? throw new ArgumentNullException(nameof(decisions));
        _onEnded = onEnded ?? throw new ArgumentNullException(nameof(onEnded));
        _background = new TaskTracker(e => world.Console.Print($"session effect failed: {e.Message}"));
        _socketQueue = world.Mailboxes.Create<Func<CancellationToken, Task>>(new MailboxOptions("session-socket-out", world.EffectsCapacity));
        _controlQueue = world.Mailboxes.Create<SessionCommand>(new MailboxOptions("agent-control", world.EffectsCapacity));
        _sendQueue = world.Mailboxes.Create<SessionCommand>(new MailboxOptions("agent-send", world.EffectsCapacity));
        Host = new SessionAgentHost(this, post, decisions, world.Time);
    }

    /// <summary>The host given to the engine.</summary>
    public SessionAgentHost Host { get; }

    internal CompletionRegistry<PermissionDecision> Decisions { get; }

    internal ContentCipher Cipher => _cipher;

    /// <summary>Generation of the last start executed for <paramref name="mode"/> (what HEAD stamps at delivery; used
    /// only by the GenerationStampedAtDelivery seeded defect).</summary>
    internal long LastStartedGeneration(AgentMode mode)
    {
        lock (_gate)
        {
            return mode == AgentMode.Local ? _localGen : _remoteGen;
        }
    }

    /// <summary>Starts the per-resource workers.</summary>
    public void Start()
    {
        var ct = _stopping.Token;
        lock (_gate)
        {
            _workers.Add(Task.Run(() => DrainAsync(_socketQueue, (emit, c) => emit(c), ct), CancellationToken.None));
            _workers.Add(Task.Run(() => DrainAsync(_controlQueue, ExecuteControlAsync, ct), CancellationToken.None));
            _workers.Add(Task.Run(() => DrainAsync(_sendQueue, ExecuteSendAsync, ct), CancellationToken.None));
        }
    }

    public async ValueTask HandleAsync(SessionCommand command, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case EmitMessage c:
                await EmitAsync(SessionWire.MessageEvent, SessionWire.Message(_settings.SessionId, c.LocalId, Encrypt(c.RecordJson)), cancellationToken).ConfigureAwait(false);
                break;
            case EmitUiEvent c:
                // The durable twin first (a message without localId), then the ephemeral.
                await EmitAsync(SessionWire.MessageEvent, SessionWire.Message(_settings.SessionId, null, Encrypt(SessionWire.UiEventRecord(_settings.SessionId, c))), cancellationToken).ConfigureAwait(false);
                await EmitAsync(SessionWire.EphemeralEvent, SessionWire.UiEventEphemeral(_settings.SessionId, c), cancellationToken).ConfigureAwait(false);
                break;
            case EmitPermissionRequest c:
                await EmitAsync(SessionWire.EphemeralEvent, SessionWire.PermissionRequest(_settings.SessionId, c.RequestId, c.ToolName, c.InputJson), cancellationToken).ConfigureAwait(false);
                break;
            case EmitSessionAlive c:
                await EmitAsync(SessionWire.SessionAliveEvent, SessionWire.SessionAlive(_settings.SessionId, c.AtMs, c.Working), cancellationToken).ConfigureAwait(false);
                break;
            case RegisterRpcMethods:
                foreach (var method in SessionWire.RpcMethods)
                {
                    await EmitAsync(SessionWire.RpcRegisterEvent, SessionWire.RpcRegister($"{_settings.SessionId}:{method}"), cancellationToken).ConfigureAwait(false);
                }

                break;
            case StartRunner or StopRunner or ApplyAgentConfig or AbortAgent:
                await _controlQueue.PostAsync(command, cancellationToken).ConfigureAwait(false);
                break;
            case SendToAgent or InjectToAgent:
                if (MutantSwitches.IsArmed(Mutant.NonFifoAgentSends))
                {
                    // Seeded defect (3.9-1): one task per send behind a lock that does not keep order (a barging
                    // lock: whichever waiting task polls first after a release wins, like Go's unfair mutex).
                    _background.Run(async () =>
                    {
                        while (!_nonFifoSendLock.Wait(0))
                        {
                            _stopping.Token.ThrowIfCancellationRequested();
                            await Task.Yield();
                        }

                        try
                        {
                            await ExecuteSendAsync(command, _stopping.Token).ConfigureAwait(false);
                        }
                        finally
                        {
                            _nonFifoSendLock.Release();
                        }
                    });
                }
                else
                {
                    await _sendQueue.PostAsync(command, cancellationToken).ConfigureAwait(false);
                }

                break;
            case QueryAgentSettings c:
                CompleteSettings(c);
                break;
            case ArmTimer c:
                Arm(c);
                break;
            case CancelTimer c:
                Cancel(c.Name);
                break;
            case PersistAgentState c:
                _background.Run(() => PersistAsync(c, _stopping.Token));
                break;
            case FetchMissedMessages c:
                _background.Run(() => FetchMissedAsync(c, _stopping.Token));
                break;
            case CompleteReply c:
                _replies.Complete(c.ReplyId, c.Outcome);
                break;
            case CompletePermissionDecision c:
                Decisions.Complete(c.DecisionId, new PermissionDecision(c.Allow, c.Message));
                break;
            case PrintToDesktop c:
                _world.Console.Print(c.Text);
                break;
            case SessionEnded c:
                _onEnded(c.Error);
                break;
            case StartTakebackWatcher:
                _world.Takeback?.Start(OnTakebackSignalAsync);
                break;
            case StopTakebackWatcher:
                _world.Takeback?.Stop();
                break;
            case PersistLocalSessionInfo c:
                SaveLocalInfo(c);
                break;
            default:
                throw new ArgumentException($"unknown session command {command.GetType().Name}", nameof(command));
        }
    }

    /// <summary>A desktop key signal becomes an event: takeback = a switch to local with no reply; Ctrl+C = Shutdown.</summary>
    private ValueTask OnTakebackSignalAsync(TakebackSignal signal) => PostSafeAsync(signal == TakebackSignal.Takeback
        ? new DesktopTakeback(NowMs())
        : new Shutdown(null, NowMs()));

    /// <summary>Synchronous, as §2.6 says (a small local file); a failure is shown on the desktop and otherwise ignored.</summary>
    private void SaveLocalInfo(PersistLocalSessionInfo c)
    {
        if (_world.LocalSessions is not { } store)
        {
            return;
        }

        try
        {
            store.Save(new LocalSessionInfo(c.SessionId, c.AgentType, c.ResumeToken, c.RolloutPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _world.Console.Print($"could not write the local session info: {e.Message}");
        }
    }

    private string Encrypt(string json) => _cipher.EncryptToBase64(Encoding.UTF8.GetBytes(json));

    private ValueTask EmitAsync(string eventName, string payload, CancellationToken cancellationToken) =>
        _socketQueue.PostAsync(async ct =>
        {
            try
            {
                await _world.Socket.EmitAsync(eventName, payload, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _world.Console.Print($"emit '{eventName}' failed: {e.Message}");
            }
        }, cancellationToken);

    private async Task PersistAsync(PersistAgentState c, CancellationToken ct)
    {
        SessionEvent result;
        try
        {
            var ack = await _world.Socket.EmitWithAckAsync(
                SessionWire.UpdateStateEvent,
                SessionWire.UpdateState(_settings.SessionId, c.AgentStateJson, c.ExpectedVersion),
                _world.PersistAckTimeout,
                ct).ConfigureAwait(false);
            var parsed = SessionWire.ParseVersionedAck(ack);
            result = parsed.Kind switch
            {
                PersistAckKind.Success => new PersistSucceeded(c.Seq, c.ExpectedVersion, parsed.Version),
                PersistAckKind.VersionMismatch => new PersistVersionMismatch(c.Seq, c.ExpectedVersion, parsed.Version),
                _ => new PersistFailed(c.Seq, c.ExpectedVersion, parsed.Error ?? "update-state failed"),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            result = new PersistFailed(c.Seq, c.ExpectedVersion, e.Message);
        }

        await PostSafeAsync(result).ConfigureAwait(false);
    }

    private async Task ExecuteControlAsync(SessionCommand command, CancellationToken ct)
    {
        switch (command)
        {
            case StartRunner c:
                lock (_gate)
                {
                    if (c.Mode == AgentMode.Local)
                    {
                        _localGen = c.Generation;
                    }
                    else
                    {
                        _remoteGen = c.Generation;
                    }
                }

                try
                {
                    var engine = EnsureEngine();
                    await engine.StartAsync(new AgentStartSpec(c.Generation, c.Mode, _settings.WorkDirectory, c.ResumeToken, c.RolloutPath, c.Config), ct).ConfigureAwait(false);
                    if (c.Mode == AgentMode.Remote)
                    {
                        _world.Console.Print("remote mode: the phone controls this session (press space twice to take it back)");
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // A failed start is reported as an exit of that generation (§2.6 StartL/StartR).
                    await PostSafeAsync(new RunnerExited(c.Generation, c.Mode, e.Message, NowMs())).ConfigureAwait(false);
                }

                break;

            case StopRunner c:
                if (_engine is { } stopping)
                {
                    try
                    {
                        await stopping.StopAsync(c.Mode, c.Generation, ct).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                    {
                        _world.Console.Print($"stopping the {c.Mode} runner failed: {e.Message}");
                    }
                }

                if (!c.Silent && c.Mode == AgentMode.Remote)
                {
                    _world.Console.Print("local mode: the desktop controls this session");
                }

                await PostSafeAsync(new RunnerStopped(c.Generation, c.Mode, NowMs())).ConfigureAwait(false);
                break;

            case ApplyAgentConfig c when _engine is { } applying:
                try
                {
                    await applying.ApplyConfigAsync(c.Generation, c.Config, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    _world.Console.Print($"applying the agent config failed: {e.Message}");
                }

                break;

            case AbortAgent c when _engine is { } aborting:
                try
                {
                    await aborting.AbortAsync(c.Generation, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    _world.Console.Print($"abort failed: {e.Message}");
                }

                break;
        }
    }

    private async Task ExecuteSendAsync(SessionCommand command, CancellationToken ct)
    {
        var engine = _engine;
        switch (command)
        {
            case SendToAgent c:
                try
                {
                    if (engine is null)
                    {
                        throw new InvalidOperationException("no agent engine");
                    }

                    await engine.SendUserMessageAsync(c.Generation, new AgentUserMessage(c.Message.Text, c.Message.MetaJson, c.Message.LocalId, c.Message.AtMs), ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    await PostSafeAsync(new AgentDeliveryFailed(c.Generation, AgentMode.Remote, c.Message, e.Message, NowMs())).ConfigureAwait(false);
                }

                break;

            case InjectToAgent c:
                string? failure;
                try
                {
                    failure = engine is null ? "no agent engine"
                        : await engine.InjectLineAsync(c.Generation, c.Message.Text, ct).ConfigureAwait(false) ? null
                        : "the local runner does not accept typed input";
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    failure = e.Message;
                }

                if (failure is not null)
                {
                    await PostSafeAsync(new AgentDeliveryFailed(c.Generation, AgentMode.Local, c.Message, failure, NowMs())).ConfigureAwait(false);
                }

                break;
        }
    }

    private void CompleteSettings(QueryAgentSettings c)
    {
        try
        {
            var engine = EnsureEngine();
            _replies.Complete(c.ReplyId, new ReplyAgentSettings(c.AgentType, engine.Capabilities, c.Desired, c.RunnerActive ? engine.CurrentConfig : null));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _replies.Complete(c.ReplyId, ReplyOutcome.Error(ReplyErrorCode.EngineUnavailable, e.Message));
        }
    }

    private IAgentEngine EnsureEngine()
    {
        lock (_gate)
        {
            return _engine ??= _world.Engines.Create(_settings.AgentType, Host);
        }
    }

    private void Arm(ArmTimer c)
    {
        ITimer? previous;
        lock (_gate)
        {
            _timers.TryGetValue(c.Name, out previous);
            var timer = _world.Time.CreateTimer(
                _ => _background.Run(() => PostSafeAsync(new TimerFired(c.Name, c.Token, NowMs())).AsTask()),
                null,
                TimeSpan.FromMilliseconds(Math.Max(0, c.DelayMs)),
                Timeout.InfiniteTimeSpan);
            _timers[c.Name] = timer;
        }

        previous?.Dispose();
    }

    private void Cancel(string name)
    {
        ITimer? timer;
        lock (_gate)
        {
            _timers.Remove(name, out timer);
        }

        timer?.Dispose();
    }

    internal long NowMs() => _world.Time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Posts a result; once the runtime stopped, results are dropped on purpose (nothing reads them).</summary>
    /// <summary>The catch-up fetch: history after the cursor, decrypted and parsed here at the edge (only phone texts
    /// become events). Without a history source there is nothing to catch up from.</summary>
    private async Task FetchMissedAsync(FetchMissedMessages c, CancellationToken cancellationToken)
    {
        if (_world.History is not { } history)
        {
            await PostSafeAsync(new MissedMessagesFetched(c.AfterSeq, [], null, NowMs())).ConfigureAwait(false);
            return;
        }

        MissedMessagesFetched result;
        try
        {
            var stored = await history.FetchAfterAsync(_settings.SessionId, c.AfterSeq, cancellationToken).ConfigureAwait(false);
            var texts = System.Collections.Immutable.ImmutableArray.CreateBuilder<InboundUserMessage>();
            foreach (var message in stored)
            {
                if (message.Seq > c.AfterSeq
                    && _cipher.TryDecryptFromBase64(message.Ciphertext, out var plaintext, out _)
                    && SessionWire.TryParseUserText(plaintext, out var text, out var meta))
                {
                    texts.Add(new InboundUserMessage(text, meta, message.LocalId ?? message.Id, NowMs(), message.Seq));
                }
            }

            result = new MissedMessagesFetched(c.AfterSeq, texts.ToImmutable(), null, NowMs());
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            result = new MissedMessagesFetched(c.AfterSeq, [], ex.Message, NowMs());
        }

        await PostSafeAsync(result).ConfigureAwait(false);
    }

    internal async ValueTask PostSafeAsync(SessionEvent e)
    {
        try
        {
            await _post(e).ConfigureAwait(false);
        }
        catch (MailboxClosedException)
        {
            // stopped
        }
    }

    private static async Task DrainAsync<T>(IMailbox<T> mailbox, Func<T, CancellationToken, Task> execute, CancellationToken ct)
    {
        try
        {
            while (await mailbox.WaitToReceiveAsync(ct).ConfigureAwait(false))
            {
                while (mailbox.TryReceive(out var item))
                {
                    await execute(item, ct).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>Stops the workers, timers and background tasks, and closes the engine.</summary>
    public async ValueTask DisposeAsync()
    {
        _socketQueue.Complete();
        _controlQueue.Complete();
        _sendQueue.Complete();
        _stopping.Cancel(); // not CancelAsync: its task is not under Coyote's control
        _world.Takeback?.Stop(); // the desktop gets its terminal back (§1.7)
        Task[] workers;
        ITimer[] timers;
        lock (_gate)
        {
            workers = [.. _workers];
            timers = [.. _timers.Values];
            _timers.Clear();
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }

        await Delight.Runtime.Actor.Awaits.AllAsync(workers).ConfigureAwait(false);
        await _background.DrainAsync().ConfigureAwait(false);
        if (_engine is { } engine)
        {
            await engine.DisposeAsync().ConfigureAwait(false);
        }

        _cipher.Dispose();
        _stopping.Dispose();
        _nonFifoSendLock.Dispose();
    }
}
