using System.Text.Json;
using Delight.Runtime.Agents;

namespace Delight.Agents.Tests.Twins;

/// <summary>
/// The recording host both a real engine and its twin report to. It keeps one ordered, normalized trace: events by
/// kind with their generation and mode (no timings, no texts, no ids), prompts as <c>ask</c>, plus markers the script
/// adds. Records must be valid JSON agent output records (or local transcript lines); their line names the data type.
/// </summary>
internal sealed class ConformanceHost : IAgentHost
{
    private readonly object _gate = new();
    private readonly List<string> _trace = [];
    private readonly List<AgentEvent> _events = [];
    private readonly List<PermissionAsk> _asks = [];
    private readonly List<string> _withdrawn = [];
    private readonly Dictionary<string, TaskCompletionSource<PermissionDecision>> _pending = [];

    public IReadOnlyList<string> Trace
    {
        get
        {
            lock (_gate)
            {
                return [.. _trace];
            }
        }
    }

    public IReadOnlyList<AgentEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public IReadOnlyList<PermissionAsk> Asks
    {
        get
        {
            lock (_gate)
            {
                return [.. _asks];
            }
        }
    }

    public IReadOnlyList<string> Withdrawn
    {
        get
        {
            lock (_gate)
            {
                return [.. _withdrawn];
            }
        }
    }

    public ValueTask ReportAsync(AgentEvent agentEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agentEvent);
        var line = Normalize(agentEvent);
        lock (_gate)
        {
            _events.Add(agentEvent);
            _trace.Add(line);
        }

        return ValueTask.CompletedTask;
    }

    public async Task<PermissionDecision> AwaitPermissionAsync(PermissionAsk ask, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ask);
        var decision = new TaskCompletionSource<PermissionDecision>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _asks.Add(ask);
            _pending[ask.RequestId] = decision;
            _trace.Add($"{ask.Generation} ask {ask.ToolName}");
        }

        try
        {
            return await decision.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                _withdrawn.Add(ask.RequestId);
            }

            throw;
        }
    }

    public void Answer(string requestId, bool allow, string? message)
    {
        TaskCompletionSource<PermissionDecision>? pending;
        lock (_gate)
        {
            _pending.Remove(requestId, out pending);
        }

        (pending ?? throw new InvalidOperationException("no pending prompt " + requestId)).TrySetResult(new PermissionDecision(allow, message));
    }

    /// <summary>A marker the script adds (a failed send, say), in order with the events.</summary>
    public void Mark(string marker)
    {
        lock (_gate)
        {
            _trace.Add(marker);
        }
    }

    public int Count(string line) => Trace.Count(t => t == line);

    public static string Normalize(AgentEvent e) => e switch
    {
        AgentReady r => $"{r.Generation} {r.Mode} ready",
        AgentExited x => $"{x.Generation} {x.Mode} exited",
        AgentWorking w => $"{w.Generation} {w.Mode} working {(w.Working ? "on" : "off")}",
        AgentUiEvent u => $"{u.Generation} {u.Mode} ui {u.Kind} {u.Phase} {u.Status}",
        AgentOutboundRecord o => $"{o.Generation} {o.Mode} record {RecordShape(o.RecordJson)}",
        AgentSessionIdentified s => $"{s.Generation} {s.Mode} session-id",
        AgentRolloutPath p => $"{p.Generation} {p.Mode} rollout-path",
        _ => e.GetType().Name,
    };

    /// <summary>The data type of an agent output record (<c>assistant</c>, <c>user</c>); throws when the record is not
    /// valid JSON in that shape, so a malformed twin record fails the comparison loudly.</summary>
    public static string RecordShape(string recordJson)
    {
        using var document = JsonDocument.Parse(recordJson);
        var root = document.RootElement;
        if (root.TryGetProperty("role", out var role) && role.GetString() == "agent")
        {
            var content = root.GetProperty("content");
            if (content.GetProperty("type").GetString() != "output")
            {
                throw new FormatException("agent record content is not output: " + recordJson);
            }

            var data = content.GetProperty("data");
            var message = data.GetProperty("message");
            if (message.GetProperty("content").GetArrayLength() == 0 || string.IsNullOrEmpty(data.GetProperty("uuid").GetString()))
            {
                throw new FormatException("agent record without content blocks or uuid: " + recordJson);
            }

            return data.GetProperty("type").GetString() ?? "?";
        }

        throw new FormatException("not an agent output record: " + recordJson);
    }

    /// <summary>Text of an assistant record's text blocks.</summary>
    public static string RecordText(string recordJson)
    {
        using var doc = JsonDocument.Parse(recordJson);
        var content = doc.RootElement.GetProperty("content").GetProperty("data").GetProperty("message").GetProperty("content");
        return string.Concat(content.EnumerateArray()
            .Where(b => b.TryGetProperty("type", out var t) && t.GetString() == "text")
            .Select(b => b.GetProperty("text").GetString()));
    }
}
