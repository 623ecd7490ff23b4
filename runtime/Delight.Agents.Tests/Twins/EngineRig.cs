using Delight.Runtime.Agents;

namespace Delight.Agents.Tests.Twins;

/// <summary>One engine under a conformance script: the real engine (wall clock, stub process or loopback server) or
/// its twin (virtual clock). Scripts only use <see cref="UntilAsync"/> to wait, so the same script drives both.</summary>
internal abstract class EngineRig : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    protected EngineRig(string name) => Name = name;

    public string Name { get; }

    public ConformanceHost Host { get; } = new();

    public abstract IAgentEngine Engine { get; }

    /// <summary>Waits until <paramref name="condition"/> holds, letting the engine make progress (real time for the
    /// real engine; virtual timers fired one at a time for the twin).</summary>
    public abstract Task UntilAsync(Func<bool> condition, string what);

    /// <summary>Waits for a task the engine returned (a start, a blocking send) while the engine makes progress.</summary>
    public async Task CompleteAsync(Task task, string what)
    {
        ArgumentNullException.ThrowIfNull(task);
        await UntilAsync(() => task.IsCompleted, what).ConfigureAwait(false);
        await task.ConfigureAwait(false);
    }

    /// <summary>Runs a call that may fail; a failure becomes the marker <c>failed</c> in the trace.</summary>
    public async Task CompleteOrMarkAsync(Task task, string what)
    {
        try
        {
            await CompleteAsync(task, what).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or Delight.Agents.Common.AgentEngineException)
        {
            Host.Mark(what + " failed");
        }
    }

    public Task<PermissionAsk> AskAsync(int number = 1) =>
        UntilAsync(() => Host.Asks.Count >= number, "prompt " + number).ContinueWith(_ => Host.Asks[number - 1], TaskScheduler.Default);

    public Task WorkingOffAsync(int times = 1) =>
        UntilAsync(() => Host.Events.OfType<AgentWorking>().Count(w => !w.Working) >= times, $"working off x{times}");

    /// <summary>Lets whatever is in flight finish (real: a short wall-clock pause; twin: every armed timer fired).</summary>
    public abstract Task SettleAsync();

    public abstract ValueTask DisposeAsync();

    protected static async Task PollAsync(Func<bool> condition, string what, ConformanceHost host, Func<Task> step)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen; trace so far:\n  " + string.Join("\n  ", host.Trace));
            }

            await step().ConfigureAwait(false);
        }
    }
}
