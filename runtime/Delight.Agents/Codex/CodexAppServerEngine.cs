using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Delight.Agents.Common;
using Delight.Agents.JsonRpc;
using Delight.Agents.Process;
using Delight.Agents.Records;
using Delight.Runtime.Agents;

namespace Delight.Agents.Codex;

/// <summary>
/// Codex in remote mode through <c>codex app-server</c> (ENGINES.md §4): JSON-RPC over JSON Lines on stdio, the
/// <c>initialize</c> handshake, a thread opened or resumed, one <c>turn/start</c> per message with a wait for
/// <c>turn/started</c>, notifications turned into records and UI events in arrival order, server requests answered
/// <c>unsupported</c>. Departures from upstream hazards: an app-server that dies reports <see cref="AgentExited"/> of the
/// runner's generation and clears the turn (never a wedged "still working" session, §4.6); an abort before
/// <c>turn/started</c> interrupts the turn as soon as it starts (RUNTIME.md §3.10-I); an interrupt the server never
/// completes is cleared after a grace period.
/// </summary>
public sealed class CodexAppServerEngine : IAgentEngine, IJsonRpcHandler
{
    private const string StillWorking = "Codex is still working on the previous request. Press Stop to abort, then retry.";
    private const int MaxMessageBytes = 4 * 1024 * 1024;

    private readonly IAgentHost _host;
    private readonly CodexAppServerOptions _options;
    private readonly TimeProvider _time;
    private readonly IAgentIdSource _ids;
    private readonly object _gate = new();
    private readonly CancellationTokenSource _disposed = new();
    private readonly Dictionary<string, StringBuilder> _buffers = [];
    private readonly HashSet<string> _inFlight = [];
    private JsonLinesProcess? _process;
    private JsonRpcPeer? _peer;
    private bool _stopping;
    private long _generation;
    private bool _remoteActive;
    private string _workDirectory = Environment.CurrentDirectory;
    private string? _threadId;
    private string? _activeTurn;
    private string? _thinkingTurn;
    private bool _working;
    private bool _turnStartPending;
    private bool _abortRequested;
    private bool? _turnSandboxCamel;
    private TaskCompletionSource<string> _turnStarted = NewSignal();
    private AgentConfig _config = AgentConfig.Empty;

    public CodexAppServerEngine(IAgentHost host, CodexAppServerOptions options, TimeProvider? time = null, IAgentIdSource? ids = null)
    {
        _host = host ?? throw new ArgumentNullException(nameof(host));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? TimeProvider.System;
        _ids = ids ?? new CuidSource(_time);
    }

    public string AgentType => "codex";

    public AgentCapabilities Capabilities => new("codex", CodexSettings.Models, CodexSettings.PermissionModes, CodexSettings.EffortsFor(CurrentConfig.Model));

    public AgentConfig CurrentConfig
    {
        get
        {
            lock (_gate)
            {
                return _config;
            }
        }
    }

    public async Task StartAsync(AgentStartSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Mode != AgentMode.Remote)
        {
            throw new AgentStartException("codex local mode (TUI and rollout tail) is not supported by this runtime; start remote mode");
        }

        StoreConfig(spec.Config);
        lock (_gate)
        {
            _generation = spec.Generation;
            _workDirectory = spec.WorkDirectory;
        }

        var peer = await EnsureClientAsync(cancellationToken).ConfigureAwait(false);
        string threadId;
        try
        {
            threadId = string.IsNullOrWhiteSpace(spec.ResumeToken)
                ? await StartThreadAsync(peer, cancellationToken).ConfigureAwait(false)
                : ThreadId(await peer.CallAsync("thread/resume", new JsonObject { ["threadId"] = spec.ResumeToken }, _options.CallTimeout, cancellationToken).ConfigureAwait(false)) ?? spec.ResumeToken;
        }
        catch (Exception ex) when (ex is JsonRpcErrorException or JsonRpcClosedException or TimeoutException)
        {
            throw new AgentStartException("codex thread open failed: " + ex.Message, ex);
        }

        lock (_gate)
        {
            _threadId = threadId;
            _remoteActive = true;
        }

        await _host.ReportAsync(new AgentSessionIdentified(spec.Generation, AgentMode.Remote, threadId), cancellationToken).ConfigureAwait(false);
        await _host.ReportAsync(new AgentReady(spec.Generation, AgentMode.Remote), cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(AgentMode mode, long generation, CancellationToken cancellationToken)
    {
        if (mode != AgentMode.Remote)
        {
            return;
        }

        bool wasWorking;
        string? thinking;
        JsonLinesProcess? process;
        JsonRpcPeer? peer;
        TaskCompletionSource<string> waiters;
        lock (_gate)
        {
            if (generation != _generation || (!_remoteActive && _process is null))
            {
                return;
            }

            _remoteActive = false;
            _stopping = true;
            wasWorking = _working;
            thinking = _thinkingTurn;
            ClearTurnState();
            process = _process;
            peer = _peer;
            _process = null;
            _peer = null;
            waiters = _turnStarted;
            _turnStarted = NewSignal();
        }

        waiters.TrySetException(new AgentNotRunningException("codex remote mode stopped"));
        if (wasWorking)
        {
            await ReportWorkingAsync(generation, false, thinking, cancellationToken).ConfigureAwait(false);
        }

        peer?.Close("codex app-server client closed");
        if (process is not null)
        {
            await process.KillAsync(_options.KillSequence, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task SendUserMessageAsync(long generation, AgentUserMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        JsonRpcPeer peer;
        Task<string> started;
        JsonObject parameters;
        bool busy;
        lock (_gate)
        {
            if (!_remoteActive || _peer is null || generation != _generation)
            {
                throw new AgentNotRunningException("codex remote mode not active");
            }

            busy = _activeTurn is not null || _turnStartPending;
            peer = _peer;
            started = _turnStarted.Task; // taken before the call: a turn/started ahead of the response still counts
            if (!busy)
            {
                _turnStartPending = true;
                _abortRequested = false;
            }

            parameters = TurnParameters(message.Text, _turnSandboxCamel ?? true);
        }

        if (busy)
        {
            await ReportRecordAsync(generation, StillWorking, cancellationToken).ConfigureAwait(false);
            return;
        }

        var calledAtMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        try
        {
            await StartTurnAsync(peer, parameters, cancellationToken).ConfigureAwait(false);
            try
            {
                await started.WaitAsync(_options.TurnStartedTimeout, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new AgentEngineException(string.Create(CultureInfo.InvariantCulture, $"timed out waiting for turn/started (after turn/start atMs={calledAtMs})"));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await ReportRecordAsync(generation, "Remote Codex request failed: " + ex.Message, CancellationToken.None).ConfigureAwait(false);
            throw ex as AgentEngineException ?? new AgentEngineException(ex.Message, ex);
        }
        finally
        {
            lock (_gate)
            {
                _turnStartPending = false;
            }
        }
    }

    public Task<bool> InjectLineAsync(long generation, string text, CancellationToken cancellationToken) => Task.FromResult(false);

    public async Task AbortAsync(long generation, CancellationToken cancellationToken)
    {
        string? turn;
        JsonRpcPeer? peer;
        lock (_gate)
        {
            if (generation != _generation || !_remoteActive)
            {
                return;
            }

            turn = _activeTurn;
            peer = _peer;
            if (turn is null && _turnStartPending)
            {
                _abortRequested = true; // upstream drops this abort (§3.10-I); ours interrupts once the turn starts
                return;
            }
        }

        if (turn is not null && peer is not null)
        {
            await InterruptAsync(peer, turn, generation, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task ApplyConfigAsync(long generation, AgentConfig config, CancellationToken cancellationToken)
    {
        StoreConfig(config);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        long generation;
        lock (_gate)
        {
            generation = _generation;
        }

        await StopAsync(AgentMode.Remote, generation, CancellationToken.None).ConfigureAwait(false);
        await _disposed.CancelAsync().ConfigureAwait(false);
        _disposed.Dispose();
    }

    async ValueTask IJsonRpcHandler.OnNotificationAsync(string method, JsonElement parameters, CancellationToken cancellationToken)
    {
        long generation;
        lock (_gate)
        {
            generation = _generation;
        }

        switch (method)
        {
            case "thread/started":
                if (parameters.Obj("thread")?.Str("id") is { Length: > 0 } threadId)
                {
                    lock (_gate)
                    {
                        _threadId = threadId;
                    }

                    await _host.ReportAsync(new AgentSessionIdentified(generation, AgentMode.Remote, threadId), cancellationToken).ConfigureAwait(false);
                }

                break;
            case "turn/started":
                await OnTurnStartedAsync(parameters, generation, cancellationToken).ConfigureAwait(false);
                break;
            case "turn/completed":
                await OnTurnCompletedAsync(TurnId(parameters), generation, cancellationToken).ConfigureAwait(false);
                break;
            case "item/started":
                await OnItemStartedAsync(parameters, generation, cancellationToken).ConfigureAwait(false);
                break;
            case "item/agentMessage/delta":
                OnDelta(parameters);
                break;
            case "item/completed":
                await OnItemCompletedAsync(parameters, generation, cancellationToken).ConfigureAwait(false);
                break;
            case "error":
                var text = parameters.Obj("error")?.Str("message");
                await ReportRecordAsync(generation, string.IsNullOrEmpty(text) ? "Codex app-server error" : text, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    ValueTask<JsonRpcReply> IJsonRpcHandler.OnRequestAsync(string method, JsonElement parameters, CancellationToken cancellationToken) =>
        ValueTask.FromResult(JsonRpcReply.Fail(-32601, "unsupported request: " + method)); // approvalPolicy is "never" (§4.5)

    private async Task<JsonRpcPeer> EnsureClientAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_peer is { IsClosed: false } existing)
            {
                return existing; // one client per adapter, reused by a new Start (§4.2)
            }
        }

        JsonRpcPeer? peer = null;
        JsonLinesProcess process;
        try
        {
            process = JsonLinesProcess.Start(
                new ProcessStartSpec(_options.Command, _options.Arguments, null, _options.Environment),
                (line, ct) => peer!.OnLineAsync(line, ct),
                _time);
        }
        catch (ProcessStartFailedException ex)
        {
            throw new AgentStartException("failed to start app-server client: " + ex.Message, ex);
        }

        peer = new JsonRpcPeer(process.WriteLineAsync, this, includeVersionMember: false, _time);
        lock (_gate)
        {
            _process = process;
            _peer = peer;
            _stopping = false;
        }

        _ = WatchExitAsync(process, peer);
        try
        {
            var clientInfo = new JsonObject { ["name"] = "delight", ["title"] = "Delight", ["version"] = _options.ClientVersion };
            await peer.CallAsync("initialize", new JsonObject { ["clientInfo"] = clientInfo }, _options.CallTimeout, cancellationToken).ConfigureAwait(false);
            await peer.NotifyAsync("initialized", new JsonObject(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonRpcErrorException or JsonRpcClosedException or TimeoutException or OperationCanceledException)
        {
            lock (_gate)
            {
                _stopping = true;
                _process = null;
                _peer = null;
            }

            peer.Close("codex app-server client closed");
            await process.KillAsync(_options.KillSequence, CancellationToken.None).ConfigureAwait(false);
            throw new AgentStartException("failed to start app-server client: " + ex.Message, ex);
        }

        return peer;
    }

    private async Task<string> StartThreadAsync(JsonRpcPeer peer, CancellationToken cancellationToken)
    {
        var config = CurrentConfig;
        JsonObject Params(bool camel) => new()
        {
            ["approvalPolicy"] = "never",
            ["cwd"] = _workDirectory,
            ["model"] = config.Model,
            ["sandbox"] = CodexSettings.Sandbox(config.PermissionMode ?? "default", camel),
        };

        JsonElement result;
        try
        {
            result = await peer.CallAsync("thread/start", Params(camel: false), _options.CallTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonRpcErrorException ex) when (CodexSettings.RejectsSpelling(ex.Message, CodexSettings.KebabNames))
        {
            result = await peer.CallAsync("thread/start", Params(camel: true), _options.CallTimeout, cancellationToken).ConfigureAwait(false);
        }

        return ThreadId(result) ?? throw new AgentStartException("thread/start returned empty thread id");
    }

    private async Task StartTurnAsync(JsonRpcPeer peer, JsonObject parameters, CancellationToken cancellationToken)
    {
        var camel = parameters["sandboxPolicy"]!["type"]!.GetValue<string>().All(c => c != '-');
        try
        {
            await peer.CallAsync("turn/start", parameters, _options.CallTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonRpcErrorException ex) when (CodexSettings.RejectsSpelling(ex.Message, camel ? CodexSettings.CamelNames : CodexSettings.KebabNames))
        {
            camel = !camel;
            var retry = (JsonObject)parameters.DeepClone();
            var mode = CurrentConfig.PermissionMode ?? "default";
            ((JsonObject)retry["sandboxPolicy"]!)["type"] = CodexSettings.Sandbox(mode, camel);
            await peer.CallAsync("turn/start", retry, _options.CallTimeout, cancellationToken).ConfigureAwait(false);
        }

        lock (_gate)
        {
            _turnSandboxCamel = camel; // remember the spelling this server accepts
        }
    }

    /// <summary>turn/start params, keys in alphabetical order like the CLI's maps. Caller holds the lock.</summary>
    private JsonObject TurnParameters(string text, bool camel)
    {
        var mode = _config.PermissionMode ?? "default";
        var policy = new JsonObject();
        var type = CodexSettings.Sandbox(mode, camel);
        if (mode is "read-only" or "yolo")
        {
            policy["type"] = type;
        }
        else
        {
            policy["networkAccess"] = true;
            policy["type"] = type;
            policy["writableRoots"] = new JsonArray(_workDirectory);
        }

        return new JsonObject
        {
            ["approvalPolicy"] = "never",
            ["cwd"] = _workDirectory,
            ["effort"] = _config.ReasoningEffort,
            ["input"] = new JsonArray(new JsonObject { ["text"] = text, ["type"] = "text" }),
            ["model"] = _config.Model,
            ["sandboxPolicy"] = policy,
            ["summary"] = "detailed",
            ["threadId"] = _threadId,
        };
    }

    private async Task InterruptAsync(JsonRpcPeer peer, string turn, long generation, CancellationToken cancellationToken)
    {
        string? threadId;
        lock (_gate)
        {
            threadId = _threadId;
        }

        try
        {
            await peer.CallAsync("turn/interrupt", new JsonObject { ["threadId"] = threadId, ["turnId"] = turn }, _options.CallTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonRpcErrorException or JsonRpcClosedException or TimeoutException)
        {
            // The result is ignored (§4.3); the grace timer below still clears the turn.
        }

        _ = ClearAfterGraceAsync(turn, generation);
    }

    /// <summary>Abort clears the working state even when the server never sends <c>turn/completed</c>.</summary>
    private async Task ClearAfterGraceAsync(string turn, long generation)
    {
        try
        {
            await Task.Delay(_options.InterruptGrace, _time, _disposed.Token).ConfigureAwait(false);
            await OnTurnCompletedAsync(turn, generation, _disposed.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async ValueTask OnTurnStartedAsync(JsonElement parameters, long generation, CancellationToken cancellationToken)
    {
        if (TurnId(parameters) is not { } turnId)
        {
            return;
        }

        TaskCompletionSource<string> signal;
        bool became;
        bool interrupt;
        JsonRpcPeer? peer;
        lock (_gate)
        {
            _activeTurn = turnId;
            _thinkingTurn = turnId;
            signal = _turnStarted;
            _turnStarted = NewSignal();
            became = !_working;
            _working = true;
            interrupt = _abortRequested;
            _abortRequested = false;
            peer = _peer;
        }

        signal.TrySetResult(turnId);
        if (became)
        {
            await ReportWorkingAsync(generation, true, turnId, cancellationToken).ConfigureAwait(false);
        }

        if (interrupt && peer is not null)
        {
            // Not awaited: the interrupt's response is read by this same reader.
            _ = InterruptAsync(peer, turnId, generation, CancellationToken.None);
        }
    }

    private async ValueTask OnTurnCompletedAsync(string? turnId, long generation, CancellationToken cancellationToken)
    {
        string? thinking;
        lock (_gate)
        {
            if (turnId is null || _activeTurn is null || turnId != _activeTurn || generation != _generation)
            {
                return;
            }

            _activeTurn = null;
            thinking = _thinkingTurn;
            if (!_working)
            {
                return;
            }

            _working = false;
        }

        await ReportWorkingAsync(generation, false, thinking, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask OnItemStartedAsync(JsonElement parameters, long generation, CancellationToken cancellationToken)
    {
        if (parameters.Obj("item") is not { } item || item.Str("id") is not { Length: > 0 } id || item.Str("type") is not { Length: > 0 } type)
        {
            return;
        }

        lock (_gate)
        {
            _inFlight.Add(id);
            if (type == "agentMessage")
            {
                _buffers[id] = new StringBuilder();
            }
        }

        if (CodexItemRendering.Start(item) is { } draft)
        {
            await ReportUiAsync(generation, draft, cancellationToken).ConfigureAwait(false);
        }
    }

    private void OnDelta(JsonElement parameters)
    {
        if (parameters.Str("itemId") is not { Length: > 0 } id || parameters.Str("delta") is not { Length: > 0 } delta)
        {
            return;
        }

        lock (_gate)
        {
            if (!_buffers.TryGetValue(id, out var buffer))
            {
                _buffers[id] = buffer = new StringBuilder();
            }

            buffer.Append(delta);
        }
    }

    private async ValueTask OnItemCompletedAsync(JsonElement parameters, long generation, CancellationToken cancellationToken)
    {
        if (parameters.Obj("item") is not { } item)
        {
            return;
        }

        var id = item.Str("id") ?? string.Empty;
        StringBuilder? buffer;
        lock (_gate)
        {
            _inFlight.Remove(id);
            _buffers.Remove(id, out buffer);
        }

        if (item.Str("type") == "agentMessage")
        {
            var text = buffer is { Length: > 0 } ? buffer.ToString() : item.Str("text") ?? string.Empty;
            text = CapMessage(text.Trim());
            if (text.Length > 0)
            {
                await ReportRecordAsync(generation, text, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (CodexItemRendering.End(item) is { } draft)
        {
            await ReportUiAsync(generation, draft, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WatchExitAsync(JsonLinesProcess process, JsonRpcPeer peer)
    {
        var exit = await process.Exited.ConfigureAwait(false);
        peer.Close("codex app-server client closed");
        bool stoppedByUs;
        bool wasWorking;
        string? thinking;
        long generation;
        TaskCompletionSource<string>? waiters = null;
        lock (_gate)
        {
            stoppedByUs = _stopping || !ReferenceEquals(_process, process);
            generation = _generation;
            wasWorking = !stoppedByUs && _working;
            thinking = _thinkingTurn;
            if (!stoppedByUs)
            {
                _remoteActive = false;
                _process = null;
                _peer = null;
                ClearTurnState();
                waiters = _turnStarted;
                _turnStarted = NewSignal();
            }
        }

        await process.DisposeAsync().ConfigureAwait(false);
        if (stoppedByUs)
        {
            return; // Stop kills it silently (§4.6)
        }

        waiters?.TrySetException(new AgentEngineException("codex app-server client closed"));
        try
        {
            if (wasWorking)
            {
                await ReportWorkingAsync(generation, false, thinking, _disposed.Token).ConfigureAwait(false);
            }

            // Upstream emits nothing and wedges (§4.6 hazard); ours reports the death as the runner's exit.
            await _host.ReportAsync(new AgentExited(generation, AgentMode.Remote, exit.Description ?? "codex app-server exited"), _disposed.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Caller holds the lock.</summary>
    private void ClearTurnState()
    {
        _threadId = null;
        _activeTurn = null;
        _working = false;
        _turnStartPending = false;
        _abortRequested = false;
        _buffers.Clear();
        _inFlight.Clear();
    }

    private void StoreConfig(AgentConfig? config)
    {
        if (config is null)
        {
            return;
        }

        lock (_gate)
        {
            _config = new AgentConfig(
                Model: string.IsNullOrWhiteSpace(config.Model) ? (_config.Model ?? CodexSettings.DefaultModel) : config.Model.Trim(),
                PermissionMode: config.PermissionMode is null ? (_config.PermissionMode ?? "default") : CodexSettings.NormalizePermissionMode(config.PermissionMode),
                ReasoningEffort: string.IsNullOrWhiteSpace(config.ReasoningEffort) ? (_config.ReasoningEffort ?? CodexSettings.DefaultEffort) : config.ReasoningEffort.Trim());
        }
    }

    private static string CapMessage(string text)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        return bytes <= MaxMessageBytes
            ? text
            : AgentRecords.CutBytes(text, MaxMessageBytes, string.Create(CultureInfo.InvariantCulture, $"\n… (truncated; {bytes - MaxMessageBytes} chars omitted)"));
    }

    private static string? ThreadId(JsonElement result) => result.FirstString("thread.id", "threadId", "threadID", "thread_id", "id");

    private static string? TurnId(JsonElement parameters) => parameters.FirstString("turn.id", "turnId", "turnID", "turn_id", "id");

    private static TaskCompletionSource<string> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async ValueTask ReportWorkingAsync(long generation, bool working, string? turnId, CancellationToken cancellationToken)
    {
        var now = Now();
        await _host.ReportAsync(new AgentWorking(generation, AgentMode.Remote, working, now), cancellationToken).ConfigureAwait(false);
        if (turnId is not null)
        {
            await _host.ReportAsync(
                working
                    ? new AgentUiEvent(generation, AgentMode.Remote, "thinking-" + turnId, "thinking", "update", "running", "Thinking…", string.Empty, now)
                    : new AgentUiEvent(generation, AgentMode.Remote, "thinking-" + turnId, "thinking", "end", "ok", string.Empty, string.Empty, now),
                cancellationToken).ConfigureAwait(false);
        }
    }

    private ValueTask ReportUiAsync(long generation, UiEventDraft draft, CancellationToken cancellationToken) =>
        _host.ReportAsync(new AgentUiEvent(generation, AgentMode.Remote, draft.EventId, draft.Kind, draft.Phase, draft.Status, draft.Brief, draft.Full, Now()), cancellationToken);

    private ValueTask ReportRecordAsync(long generation, string text, CancellationToken cancellationToken)
    {
        var localId = _ids.NextCuid();
        return _host.ReportAsync(new AgentOutboundRecord(generation, AgentMode.Remote, localId, AgentRecords.AssistantText(localId, "unknown", text), null, Now()), cancellationToken);
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
