using System.Text.Json;
using System.Text.Json.Nodes;
using Delight.Agents.Common;
using Delight.Agents.Process;
using Delight.Agents.Records;
using Delight.Runtime.Agents;

namespace Delight.Agents.Claude;

/// <summary>
/// Claude Code in remote mode through the bridge (ENGINES.md §2): JSON Lines on stdio, <c>ready</c> within 15 s, user
/// messages written with the merged <c>meta</c> (the bridge queues them FIFO and pumps one per turn after
/// <c>result</c>), <c>raw</c> records forwarded byte for byte with tool UI events, <c>system/init</c> as the resume token,
/// permission prompts answered through <see cref="IAgentHost.AwaitPermissionAsync"/>, the kill sequence on stop and
/// <see cref="AgentExited"/> (stamped with the bridge's own generation) when the bridge exits.
/// Departures from upstream hazards: a failed start kills the bridge; an <c>error</c> line after ready is shown and ends
/// the turn; working stays true while queued turns remain; abort ends working and withdraws the turn's prompts.
/// </summary>
public sealed class ClaudeRemoteEngine : IAgentEngine
{
    private readonly IAgentHost _host;
    private readonly ClaudeRemoteOptions _options;
    private readonly TimeProvider _time;
    private readonly IAgentIdSource _ids;
    private readonly object _gate = new();
    private readonly List<ClaudeBridgeRunner> _detached = [];
    private readonly CancellationTokenSource _disposed = new();
    private ClaudeBridgeRunner? _current;
    private AgentConfig _config = new(Model: string.Empty, PermissionMode: "default");

    public ClaudeRemoteEngine(IAgentHost host, ClaudeRemoteOptions options, TimeProvider? time = null, IAgentIdSource? ids = null)
    {
        _host = host ?? throw new ArgumentNullException(nameof(host));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? TimeProvider.System;
        _ids = ids ?? new CuidSource(_time);
    }

    public string AgentType => "claude";

    public AgentCapabilities Capabilities { get; } = new("claude", ClaudeSettings.Models, ClaudeSettings.PermissionModes, []);

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
            throw new AgentStartException("claude local mode (PTY launcher) is not supported by this runtime; start remote mode");
        }

        StoreConfig(spec.Config);
        var runner = new ClaudeBridgeRunner(spec.Generation);
        var arguments = new List<string>(_options.PrefixArguments) { "--cwd", spec.WorkDirectory };
        if (!string.IsNullOrWhiteSpace(spec.ResumeToken))
        {
            arguments.Add("--resume");
            arguments.Add(spec.ResumeToken);
        }

        if (_options.Debug)
        {
            arguments.Add("--debug");
        }

        try
        {
            runner.Process = JsonLinesProcess.Start(
                new ProcessStartSpec(_options.Command, arguments, spec.WorkDirectory, _options.Environment),
                (line, ct) => OnLineAsync(runner, line, ct),
                _time);
        }
        catch (ProcessStartFailedException ex)
        {
            throw new AgentStartException("failed to start claude remote bridge: " + ex.Message, ex);
        }

        _ = runner.Process.Exited.ContinueWith(_ => runner.ReadyLine.TrySetException(new AgentStartException("bridge exited before ready")), TaskScheduler.Default);
        try
        {
            await runner.ReadyLine.Task.WaitAsync(_options.StartTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or AgentStartException)
        {
            // Upstream leaves the bridge running here (§2.10.6); ours kills it.
            runner.ReadyReported.TrySetResult();
            await runner.Process.KillAsync(_options.KillSequence, CancellationToken.None).ConfigureAwait(false);
            await runner.Process.DisposeAsync().ConfigureAwait(false);
            if (ex is OperationCanceledException)
            {
                throw;
            }

            throw ex as AgentStartException ?? new AgentStartException("claude remote bridge did not print ready within " + _options.StartTimeout.TotalSeconds + " s", ex);
        }

        ClaudeBridgeRunner? old;
        lock (_gate)
        {
            old = _current;
            _current = runner;
            runner.Running = true;
            if (old is not null)
            {
                _detached.Add(old);
            }
        }

        try
        {
            if (!string.IsNullOrWhiteSpace(spec.ResumeToken))
            {
                lock (runner.Gate)
                {
                    runner.LastSessionId = spec.ResumeToken;
                }

                await _host.ReportAsync(new AgentSessionIdentified(runner.Generation, AgentMode.Remote, spec.ResumeToken), cancellationToken).ConfigureAwait(false);
            }

            await _host.ReportAsync(new AgentReady(runner.Generation, AgentMode.Remote), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            runner.ReadyReported.TrySetResult();
        }

        _ = WatchExitAsync(runner);
        if (old is not null)
        {
            await StopRunnerAsync(old, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async Task StopAsync(AgentMode mode, long generation, CancellationToken cancellationToken)
    {
        if (mode != AgentMode.Remote)
        {
            return;
        }

        ClaudeBridgeRunner? runner;
        lock (_gate)
        {
            runner = _current?.Generation == generation ? _current : _detached.Find(r => r.Generation == generation);
            if (runner is not null && ReferenceEquals(runner, _current))
            {
                _current = null;
                _detached.Add(runner);
            }
        }

        if (runner is not null)
        {
            await StopRunnerAsync(runner, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task SendUserMessageAsync(long generation, AgentUserMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var runner = CurrentRunner(generation) ?? throw new AgentNotRunningException("claude remote bridge not running");
        var line = new JsonObject
        {
            ["type"] = "user",
            ["content"] = message.Text.TrimEnd('\r', '\n'),
            ["meta"] = MergeMeta(message.MetaJson),
        };
        string turnId = _ids.NextCuid();
        bool becameWorking;
        lock (runner.Gate)
        {
            runner.TurnId = turnId;
            runner.Outstanding++;
            becameWorking = SetWorking(runner, true);
        }

        if (becameWorking)
        {
            await ReportWorkingAsync(runner, true, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await runner.Process!.WriteLineAsync(line.ToJsonString(), cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new AgentEngineException("write to claude remote bridge failed: " + ex.Message, ex);
        }
    }

    public Task<bool> InjectLineAsync(long generation, string text, CancellationToken cancellationToken) => Task.FromResult(false);

    public async Task AbortAsync(long generation, CancellationToken cancellationToken)
    {
        var runner = CurrentRunner(generation);
        if (runner is null)
        {
            return;
        }

        CancellationTokenSource withdrawn;
        bool stopped;
        lock (runner.Gate)
        {
            withdrawn = runner.TurnPermissions;
            runner.TurnPermissions = new CancellationTokenSource();
            runner.Outstanding = Math.Max(0, runner.Outstanding - 1);
            stopped = runner.Outstanding == 0 && SetWorking(runner, false);
        }

        await withdrawn.CancelAsync().ConfigureAwait(false);
        withdrawn.Dispose();
        try
        {
            await runner.Process!.WriteLineAsync("{\"type\":\"abort\"}", cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new AgentEngineException("write to claude remote bridge failed: " + ex.Message, ex);
        }

        if (stopped)
        {
            await ReportWorkingAsync(runner, false, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task ApplyConfigAsync(long generation, AgentConfig config, CancellationToken cancellationToken)
    {
        StoreConfig(config);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        List<ClaudeBridgeRunner> runners;
        lock (_gate)
        {
            runners = [.. _detached];
            if (_current is not null)
            {
                runners.Add(_current);
            }

            _current = null;
        }

        foreach (var runner in runners)
        {
            await StopRunnerAsync(runner, CancellationToken.None).ConfigureAwait(false);
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        _disposed.Dispose();
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
                Model: config.Model is null ? _config.Model : ClaudeSettings.NormalizeModel(config.Model),
                PermissionMode: config.PermissionMode is null ? _config.PermissionMode : ClaudeSettings.NormalizePermissionMode(config.PermissionMode),
                ReasoningEffort: null);
        }
    }

    /// <summary>The phone's meta, copied, with <c>permissionMode</c> always set and <c>model</c> set when the adapter has
    /// one (§2.5).</summary>
    private JsonObject MergeMeta(string? metaJson)
    {
        JsonObject meta = [];
        if (!string.IsNullOrWhiteSpace(metaJson))
        {
            try
            {
                if (JsonNode.Parse(metaJson) is JsonObject phone)
                {
                    meta = phone;
                }
            }
            catch (JsonException)
            {
                // A malformed phone meta counts as empty.
            }
        }

        var config = CurrentConfig;
        meta["permissionMode"] = ClaudeSettings.NormalizePermissionMode(config.PermissionMode);
        if (!string.IsNullOrEmpty(config.Model))
        {
            meta["model"] = config.Model;
        }

        return meta;
    }

    private ClaudeBridgeRunner? CurrentRunner(long generation)
    {
        lock (_gate)
        {
            return _current is { Running: true } current && current.Generation == generation ? current : null;
        }
    }

    private async Task StopRunnerAsync(ClaudeBridgeRunner runner, CancellationToken cancellationToken)
    {
        lock (runner.Gate)
        {
            runner.Running = false;
        }

        await runner.Lifetime.CancelAsync().ConfigureAwait(false);
        await runner.TurnPermissions.CancelAsync().ConfigureAwait(false);
        if (runner.Process is { } process)
        {
            await process.KillAsync(_options.KillSequence, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WatchExitAsync(ClaudeBridgeRunner runner)
    {
        var exit = await runner.Process!.Exited.ConfigureAwait(false);
        bool wasWorking;
        lock (_gate)
        {
            if (ReferenceEquals(_current, runner))
            {
                _current = null;
            }

            _detached.Remove(runner);
        }

        lock (runner.Gate)
        {
            runner.Running = false;
            runner.Outstanding = 0;
            wasWorking = SetWorking(runner, false);
        }

        await runner.TurnPermissions.CancelAsync().ConfigureAwait(false);
        await runner.Lifetime.CancelAsync().ConfigureAwait(false);
        try
        {
            if (wasWorking)
            {
                await ReportWorkingAsync(runner, false, _disposed.Token).ConfigureAwait(false);
            }

            await _host.ReportAsync(new AgentExited(runner.Generation, AgentMode.Remote, exit.Description), _disposed.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The engine was disposed; nobody listens any more.
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            await runner.Process.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask OnLineAsync(ClaudeBridgeRunner runner, string line, CancellationToken cancellationToken)
    {
        if (!Json.TryParse(line, out var document))
        {
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            var type = root.Str("type");
            if (!runner.ReadyLine.Task.IsCompleted)
            {
                if (type == "ready")
                {
                    runner.ReadyLine.TrySetResult();
                }
                else if (type == "error")
                {
                    runner.ReadyLine.TrySetException(new AgentStartException("bridge error: bridge error: " + root.Str("error")));
                }

                return;
            }

            await runner.ReadyReported.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            switch (type)
            {
                case "raw":
                    await OnRawAsync(runner, root, cancellationToken).ConfigureAwait(false);
                    break;
                case "system":
                    await OnSystemAsync(runner, root, cancellationToken).ConfigureAwait(false);
                    break;
                case "result":
                    await EndTurnAsync(runner, cancellationToken).ConfigureAwait(false);
                    break;
                case "control_request":
                    _ = AnswerPermissionAsync(runner, root.Clone());
                    break;
                case "error":
                    // Upstream drops errors after ready (§2.10.2). Ours shows them, and the turn they killed ends.
                    await ReportRecordAsync(runner, "Claude bridge error: " + root.Str("error"), cancellationToken).ConfigureAwait(false);
                    await EndTurnAsync(runner, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    private async ValueTask OnRawAsync(ClaudeBridgeRunner runner, JsonElement root, CancellationToken cancellationToken)
    {
        if (root.Obj("message") is not { } record)
        {
            return;
        }

        IReadOnlyList<UiEventDraft> drafts;
        bool thinking;
        lock (runner.Gate)
        {
            (drafts, thinking) = ClaudeUiEvents.Derive(record, runner.ToolNames, _ids.NextCuid);
        }

        if (thinking)
        {
            bool became;
            lock (runner.Gate)
            {
                runner.Outstanding = Math.Max(runner.Outstanding, 1);
                became = SetWorking(runner, true);
            }

            if (became)
            {
                await ReportWorkingAsync(runner, true, cancellationToken).ConfigureAwait(false);
            }
        }

        var now = Now();
        foreach (var draft in drafts)
        {
            await _host.ReportAsync(
                new AgentUiEvent(runner.Generation, AgentMode.Remote, draft.EventId, draft.Kind, draft.Phase, draft.Status, draft.Brief, draft.Full, now),
                cancellationToken).ConfigureAwait(false);
        }

        await _host.ReportAsync(
            new AgentOutboundRecord(runner.Generation, AgentMode.Remote, _ids.NextCuid(), record.GetRawText(), null, now),
            cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask OnSystemAsync(ClaudeBridgeRunner runner, JsonElement root, CancellationToken cancellationToken)
    {
        var sessionId = root.Str("session_id");
        if (root.Str("subtype") != "init" || string.IsNullOrEmpty(sessionId))
        {
            return;
        }

        lock (runner.Gate)
        {
            if (runner.LastSessionId == sessionId)
            {
                return;
            }

            runner.LastSessionId = sessionId;
        }

        await _host.ReportAsync(new AgentSessionIdentified(runner.Generation, AgentMode.Remote, sessionId), cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask EndTurnAsync(ClaudeBridgeRunner runner, CancellationToken cancellationToken)
    {
        bool stopped;
        lock (runner.Gate)
        {
            runner.Outstanding = Math.Max(0, runner.Outstanding - 1);
            stopped = runner.Outstanding == 0 && SetWorking(runner, false);
        }

        if (stopped)
        {
            await ReportWorkingAsync(runner, false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One task per prompt, so several can be outstanding (§2.7).</summary>
    private async Task AnswerPermissionAsync(ClaudeBridgeRunner runner, JsonElement line)
    {
        var requestId = line.Str("request_id") ?? string.Empty;
        JsonObject response;
        if (line.Obj("request") is not { } request)
        {
            response = Deny("Invalid permission request");
        }
        else if (string.IsNullOrWhiteSpace(requestId) || string.IsNullOrWhiteSpace(request.Str("tool_name")))
        {
            response = Deny("invalid permission request");
        }
        else
        {
            var input = request.Any("input");
            var inputJson = input?.GetRawText() ?? "{}";
            CancellationToken turnToken;
            lock (runner.Gate)
            {
                turnToken = runner.TurnPermissions.Token;
            }

            using var deadline = new CancellationTokenSource(_options.PermissionTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, turnToken, runner.Lifetime.Token);
            try
            {
                var decision = await _host.AwaitPermissionAsync(
                    new PermissionAsk(runner.Generation, requestId, request.Str("tool_name")!, inputJson), linked.Token).ConfigureAwait(false);
                if (decision.Allow)
                {
                    response = new JsonObject { ["behavior"] = "allow" };
                    if (input is { } original)
                    {
                        response["updatedInput"] = JsonNode.Parse(original.GetRawText());
                    }
                }
                else
                {
                    // Claude's schema wants a string: ours always sends one (upstream omits it when empty).
                    response = Deny(decision.Message ?? string.Empty);
                }
            }
            catch (OperationCanceledException)
            {
                response = Deny(deadline.IsCancellationRequested ? "context deadline exceeded" : "context canceled");
            }
            catch (ObjectDisposedException)
            {
                response = Deny("context canceled");
            }
        }

        var reply = new JsonObject { ["type"] = "control_response", ["request_id"] = requestId, ["response"] = response };
        try
        {
            await runner.Process!.WriteLineAsync(reply.ToJsonString(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The bridge is gone: its exit is reported by the watcher.
        }
    }

    private static JsonObject Deny(string message) => new() { ["behavior"] = "deny", ["message"] = message };

    /// <summary>Changes the flag; returns true when it actually changed. Caller holds the runner lock.</summary>
    private static bool SetWorking(ClaudeBridgeRunner runner, bool working)
    {
        if (runner.Working == working)
        {
            return false;
        }

        runner.Working = working;
        if (working)
        {
            runner.ThinkingTurnId = runner.TurnId;
        }

        return true;
    }

    private async ValueTask ReportWorkingAsync(ClaudeBridgeRunner runner, bool working, CancellationToken cancellationToken)
    {
        var now = Now();
        string? turnId;
        lock (runner.Gate)
        {
            turnId = runner.ThinkingTurnId;
        }

        await _host.ReportAsync(new AgentWorking(runner.Generation, AgentMode.Remote, working, now), cancellationToken).ConfigureAwait(false);
        if (turnId is not null)
        {
            var ui = working
                ? new AgentUiEvent(runner.Generation, AgentMode.Remote, "thinking-" + turnId, "thinking", "update", "running", "Thinking…", string.Empty, now)
                : new AgentUiEvent(runner.Generation, AgentMode.Remote, "thinking-" + turnId, "thinking", "end", "ok", string.Empty, string.Empty, now);
            await _host.ReportAsync(ui, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask ReportRecordAsync(ClaudeBridgeRunner runner, string text, CancellationToken cancellationToken)
    {
        var localId = _ids.NextCuid();
        await _host.ReportAsync(
            new AgentOutboundRecord(runner.Generation, AgentMode.Remote, localId, AgentRecords.AssistantText(localId, "unknown", text), null, Now()),
            cancellationToken).ConfigureAwait(false);
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
