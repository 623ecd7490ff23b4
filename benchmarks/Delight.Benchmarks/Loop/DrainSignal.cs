namespace Delight.Benchmarks.Loop;

/// <summary>
/// Tells the benchmark thread that the consumer has seen every event of one invocation. The consumer counts; the
/// benchmark waits. A <see cref="SemaphoreSlim"/> is reused across invocations so the signal costs one small
/// allocation per invocation at most (amortised over <see cref="LoopWorkload.EventsPerInvoke"/> events: 0 B/event).
/// Only the single consumer calls <see cref="Count"/>.
/// </summary>
public sealed class DrainSignal : IDisposable
{
    private readonly SemaphoreSlim _done = new(0);
    private readonly int _target;
    private int _seen;

    public DrainSignal(int target) => _target = target;

    public void Count()
    {
        if (++_seen == _target)
        {
            _seen = 0;
            _done.Release();
        }
    }

    public Task WaitAsync() => _done.WaitAsync();

    public void Dispose() => _done.Dispose();
}
