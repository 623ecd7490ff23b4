using System.Collections.Immutable;
using Delight.Runtime.Agents;

namespace Delight.Agents.Tests.Support;

/// <summary>A test <see cref="IAgentHost"/>: records every event in order and answers permission prompts with a
/// scripted responder (by default it waits until the test answers through <see cref="Answer"/>).</summary>
internal sealed class RecordingAgentHost : IAgentHost
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly object _gate = new();
    private readonly List<AgentEvent> _events = [];
    private readonly List<PermissionAsk> _asks = [];
    private readonly Dictionary<string, TaskCompletionSource<PermissionDecision>> _pending = [];
    private readonly List<string> _withdrawn = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When set, answers prompts at once.</summary>
    public Func<PermissionAsk, PermissionDecision>? AutoAnswer { get; set; }

    public ImmutableArray<AgentEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public ImmutableArray<PermissionAsk> Asks
    {
        get
        {
            lock (_gate)
            {
                return [.. _asks];
            }
        }
    }

    public ImmutableArray<string> Withdrawn
    {
        get
        {
            lock (_gate)
            {
                return [.. _withdrawn];
            }
        }
    }

    /// <summary>When set, every report waits this long first: a slow runtime inbox (backpressure on the engine).</summary>
    public TimeSpan ReportDelay { get; set; }

    public async ValueTask ReportAsync(AgentEvent agentEvent, CancellationToken cancellationToken)
    {
        if (ReportDelay > TimeSpan.Zero)
        {
            await Task.Delay(ReportDelay, cancellationToken).ConfigureAwait(false);
        }

        Signal(() => _events.Add(agentEvent));
    }

    public async Task<PermissionDecision> AwaitPermissionAsync(PermissionAsk ask, CancellationToken cancellationToken)
    {
        var decision = new TaskCompletionSource<PermissionDecision>(TaskCreationOptions.RunContinuationsAsynchronously);
        Signal(() =>
        {
            _asks.Add(ask);
            _pending[ask.RequestId] = decision;
        });
        if (AutoAnswer is { } auto)
        {
            return auto(ask);
        }

        try
        {
            return await decision.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Signal(() => _withdrawn.Add(ask.RequestId));
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

        if (pending is null)
        {
            throw new InvalidOperationException("no pending prompt " + requestId);
        }

        pending.TrySetResult(new PermissionDecision(allow, message));
    }

    public async Task<T> WaitForAsync<T>(Func<T, bool>? predicate = null, TimeSpan? timeout = null)
        where T : AgentEvent
    {
        var found = await WaitUntilAsync(() => Events.OfType<T>().FirstOrDefault(e => predicate?.Invoke(e) ?? true), timeout).ConfigureAwait(false);
        return found!;
    }

    public async Task<PermissionAsk> WaitForAskAsync(TimeSpan? timeout = null) =>
        (await WaitUntilAsync(() => Asks.FirstOrDefault(), timeout).ConfigureAwait(false))!;

    public async Task<TResult> WaitUntilAsync<TResult>(Func<TResult?> probe, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Wait);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }

            var value = probe();
            if (value is not null && !(value is bool b && !b))
            {
                return value;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException("condition not met; events so far:\n" + string.Join("\n", Events));
            }

            await Task.WhenAny(changed, Task.Delay(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200))).ConfigureAwait(false);
        }
    }

    /// <summary>Texts of the assistant records, in order.</summary>
    public IReadOnlyList<string> RecordTexts() =>
        [.. Events.OfType<AgentOutboundRecord>().Select(r => RecordText(r.RecordJson))];

    public static string RecordText(string recordJson)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(recordJson);
        var content = doc.RootElement.GetProperty("content").GetProperty("data").GetProperty("message").GetProperty("content");
        return string.Concat(content.EnumerateArray()
            .Where(b => b.TryGetProperty("type", out var t) && t.GetString() == "text")
            .Select(b => b.GetProperty("text").GetString()));
    }

    private void Signal(Action change)
    {
        TaskCompletionSource previous;
        lock (_gate)
        {
            change();
            previous = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        previous.TrySetResult();
    }
}
