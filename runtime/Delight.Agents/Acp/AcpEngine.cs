using System.Text.Json.Nodes;
using Delight.Agents.Common;
using Delight.Agents.Records;
using Delight.Runtime.Agents;

namespace Delight.Agents.Acp;

/// <summary>
/// An ACP server over HTTP (ENGINES.md §6). <see cref="SendUserMessageAsync"/> blocks for the whole turn: create a run,
/// poll while it is in progress, turn <c>awaiting</c> into a prompt through <see cref="IAgentHost.AwaitPermissionAsync"/>
/// (request id <c>acp-&lt;run_id&gt;</c>, tool <c>acp.await</c>) and resume with the decision, then emit the output text
/// once as an assistant record (model <c>acp</c>). The runtime calls it from its own send queue, so the wait never blocks
/// the effects runner. Departures from upstream: abort also withdraws the permission prompt; a failed run is shown;
/// a permission timeout resumes the run with a deny instead of crashing the runner; SSE text is counted once.
/// </summary>
public sealed class AcpEngine : IAgentEngine
{
    private readonly IAgentHost _host;
    private readonly AcpEngineOptions _options;
    private readonly AcpClient _client;
    private readonly TimeProvider _time;
    private readonly IAgentIdSource _ids;
    private readonly AcpSessionStore _store;
    private readonly object _gate = new();
    private readonly CancellationTokenSource _disposed = new();
    private CancellationTokenSource? _turn;
    private long? _remoteGeneration;
    private string? _acpSessionId;

    public AcpEngine(IAgentHost host, AcpEngineOptions options, HttpClient http, TimeProvider? time = null, IAgentIdSource? ids = null, AcpSessionStore? store = null)
    {
        _host = host ?? throw new ArgumentNullException(nameof(host));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? TimeProvider.System;
        _ids = ids ?? new CuidSource(_time);
        _client = new AcpClient(http ?? throw new ArgumentNullException(nameof(http)), options.BaseUrl ?? string.Empty, options.RequestTimeout, _time);
        _store = store ?? new AcpSessionStore(options.HomeDirectory, ids: _ids);
    }

    public string AgentType => "acp";

    public AgentCapabilities Capabilities { get; } = new("acp", [], [], []);

    public AgentConfig CurrentConfig => AgentConfig.Empty;

    /// <summary>What the session-mapping lookup found at the last start (a recovered or quarantined file), for logs.</summary>
    public AcpSessionLookup? LastSessionLookup { get; private set; }

    public string? AcpSessionId
    {
        get
        {
            lock (_gate)
            {
                return _acpSessionId;
            }
        }
    }

    public async Task StartAsync(AgentStartSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Mode == AgentMode.Remote)
        {
            if (!_options.IsConfigured)
            {
                throw new AgentStartException("acp is not configured (missing url, agent, or session id)");
            }

            var lookup = _store.GetOrCreate(_options.DelightSessionId);
            LastSessionLookup = lookup;
            lock (_gate)
            {
                _acpSessionId = lookup.AcpSessionId;
                _remoteGeneration = spec.Generation;
            }
        }

        await _host.ReportAsync(new AgentReady(spec.Generation, spec.Mode), cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(AgentMode mode, long generation, CancellationToken cancellationToken)
    {
        if (mode != AgentMode.Remote)
        {
            return;
        }

        CancellationTokenSource? turn;
        lock (_gate)
        {
            if (_remoteGeneration != generation)
            {
                return;
            }

            _remoteGeneration = null;
            turn = _turn;
        }

        if (turn is not null)
        {
            await turn.CancelAsync().ConfigureAwait(false);
        }
    }

    public async Task SendUserMessageAsync(long generation, AgentUserMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        CancellationTokenSource turn;
        CancellationTokenSource? previous;
        string sessionId;
        lock (_gate)
        {
            if (_remoteGeneration != generation || _acpSessionId is null)
            {
                throw new AgentNotRunningException("acp remote mode not active");
            }

            previous = _turn;
            turn = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
            _turn = turn;
            sessionId = _acpSessionId;
        }

        if (previous is not null)
        {
            await previous.CancelAsync().ConfigureAwait(false);
        }

        await _host.ReportAsync(new AgentWorking(generation, AgentMode.Remote, true, Now()), CancellationToken.None).ConfigureAwait(false);
        try
        {
            var run = await _client.CreateRunAsync(_options.AgentName, sessionId, message.Text, turn.Token).ConfigureAwait(false);
            run = await DriveAsync(generation, run, turn.Token).ConfigureAwait(false);
            if (run.OutputText.Trim().Length > 0)
            {
                await ReportRecordAsync(generation, run.OutputText, CancellationToken.None).ConfigureAwait(false);
            }

            if (run.IsFailed)
            {
                // Upstream never reads the error: a failed run is invisible (§6.4). Ours shows it.
                await ReportRecordAsync(generation, "ACP run failed" + (string.IsNullOrEmpty(run.ErrorMessage) ? "." : ": " + run.ErrorMessage), CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (turn.IsCancellationRequested)
        {
            // Abort, stop or a newer turn: cancellation is not a failure.
        }
        catch (AcpRequestException ex)
        {
            await ReportRecordAsync(generation, "ACP turn failed: " + ex.Message, CancellationToken.None).ConfigureAwait(false);
            throw new AgentEngineException(ex.Message, ex);
        }
        finally
        {
            lock (_gate)
            {
                if (ReferenceEquals(_turn, turn))
                {
                    _turn = null;
                }
            }

            turn.Dispose();
            await _host.ReportAsync(new AgentWorking(generation, AgentMode.Remote, false, Now()), CancellationToken.None).ConfigureAwait(false);
        }
    }

    public Task<bool> InjectLineAsync(long generation, string text, CancellationToken cancellationToken) => Task.FromResult(false);

    /// <summary>Cancels the turn: the request in flight, the poll wait and the permission prompt.</summary>
    public async Task AbortAsync(long generation, CancellationToken cancellationToken)
    {
        CancellationTokenSource? turn;
        lock (_gate)
        {
            turn = _remoteGeneration == generation ? _turn : null;
        }

        if (turn is not null)
        {
            try
            {
                await turn.CancelAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                // The turn ended while we were aborting it.
            }
        }
    }

    public Task ApplyConfigAsync(long generation, AgentConfig config, CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync().ConfigureAwait(false);
        lock (_gate)
        {
            _remoteGeneration = null;
        }

        _disposed.Dispose();
    }

    private async Task<AcpRun> DriveAsync(long generation, AcpRun run, CancellationToken turnToken)
    {
        while (true)
        {
            if (run.IsAwaiting)
            {
                var decision = await AskAsync(generation, run, turnToken).ConfigureAwait(false);
                run = await _client.ResumeAsync(run.RunId, decision.Allow, decision.Message ?? string.Empty, turnToken).ConfigureAwait(false);
                continue;
            }

            if (!run.IsInProgress)
            {
                return run;
            }

            if (run.RunId.Length == 0)
            {
                return run with { OutputText = string.Empty };
            }

            await Task.Delay(_options.PollInterval, _time, turnToken).ConfigureAwait(false);
            run = await _client.PollAsync(run.RunId, turnToken).ConfigureAwait(false);
        }
    }

    private async Task<PermissionDecision> AskAsync(long generation, AcpRun run, CancellationToken turnToken)
    {
        var input = new JsonObject { ["await"] = JsonNode.Parse(run.AwaitRequestJson!) }.ToJsonString();
        using var deadline = new CancellationTokenSource(_options.PermissionTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, turnToken);
        try
        {
            return await _host.AwaitPermissionAsync(new PermissionAsk(generation, "acp-" + run.RunId, "acp.await", input), linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !turnToken.IsCancellationRequested)
        {
            return new PermissionDecision(false, "permission request timed out");
        }
    }

    private ValueTask ReportRecordAsync(long generation, string text, CancellationToken cancellationToken)
    {
        var localId = _ids.NextCuid();
        return _host.ReportAsync(new AgentOutboundRecord(generation, AgentMode.Remote, localId, AgentRecords.AssistantText(localId, "acp", text), null, Now()), cancellationToken);
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
