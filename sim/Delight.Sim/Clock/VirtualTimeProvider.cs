namespace Delight.Sim.Clock;

/// <summary>
/// A virtual clock. Time only moves when <see cref="TryFireNext"/> advances it to the earliest deadline and fires that
/// timer, so under Coyote a timer fire is a controlled step like any other. Deadlines fire in (deadline, creation)
/// order; a cancelled or disposed timer never fires. Thread-safe through a plain lock, which Coyote controls.
/// </summary>
public sealed class VirtualTimeProvider : TimeProvider
{
    /// <summary>An arbitrary fixed origin, so every run sees the same wall-clock values.</summary>
    public static readonly DateTimeOffset Origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly object _gate = new();
    private readonly SortedSet<VirtualTimer> _queue = new(VirtualTimer.DeadlineOrder.Instance);
    private long _nowTicks;
    private long _nextTimerId;
    private TaskCompletionSource<bool>? _armedSignal;
    private bool _wakePending;

    /// <summary>Raised (outside the lock) just before a timer callback runs; used by the event log.</summary>
    public event Action<TimeSpan, long>? Fired;

    public TimeSpan Elapsed
    {
        get
        {
            lock (_gate)
            {
                return TimeSpan.FromTicks(_nowTicks);
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => Origin + Elapsed;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _nowTicks;
        }
    }

    /// <summary>How many timers are armed.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        VirtualTimer timer;
        lock (_gate)
        {
            timer = new VirtualTimer(this, ++_nextTimerId, callback, state);
            ScheduleLocked(timer, dueTime, period);
        }

        return timer;
    }

    /// <summary>Completes when at least one timer is armed (or immediately if one is).</summary>
    public Task WaitForArmedTimerAsync()
    {
        lock (_gate)
        {
            if (_queue.Count > 0 || _wakePending)
            {
                _wakePending = false;
                return Task.CompletedTask;
            }

            _armedSignal ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _armedSignal.Task;
        }
    }

    /// <summary>Wakes a <see cref="WaitForArmedTimerAsync"/> waiter without arming anything (used at shutdown).</summary>
    public void Wake()
    {
        TaskCompletionSource<bool>? signal;
        lock (_gate)
        {
            signal = _armedSignal;
            _armedSignal = null;
            _wakePending = signal is null; // nobody waits yet: the next wait returns at once (a stop is never missed)
        }

        signal?.TrySetResult(true);
    }

    /// <summary>Advances virtual time to the earliest deadline and fires that timer. False when none is armed.</summary>
    public bool TryFireNext()
    {
        VirtualTimer timer;
        long firedAt;
        lock (_gate)
        {
            if (_queue.Count == 0)
            {
                return false;
            }

            timer = _queue.Min!;
            _queue.Remove(timer);
            _nowTicks = Math.Max(_nowTicks, timer.DeadlineTicks);
            firedAt = _nowTicks;
            if (timer.PeriodTicks > 0)
            {
                timer.DeadlineTicks = _nowTicks + timer.PeriodTicks;
                timer.Order = ++_nextTimerId;
                _queue.Add(timer);
            }
            else
            {
                timer.Armed = false;
            }
        }

        Fired?.Invoke(TimeSpan.FromTicks(firedAt), timer.Id);
        timer.Invoke();
        return true;
    }

    internal void Change(VirtualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            if (timer.Disposed)
            {
                return;
            }

            _queue.Remove(timer);
            timer.Armed = false;
            ScheduleLocked(timer, dueTime, period);
        }
    }

    internal void Remove(VirtualTimer timer)
    {
        lock (_gate)
        {
            timer.Disposed = true;
            timer.Armed = false;
            _queue.Remove(timer);
        }
    }

    private void ScheduleLocked(VirtualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        timer.PeriodTicks = period == Timeout.InfiniteTimeSpan || period <= TimeSpan.Zero ? 0 : period.Ticks;
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        timer.DeadlineTicks = _nowTicks + Math.Max(0, dueTime.Ticks);
        timer.Order = ++_nextTimerId;
        timer.Armed = true;
        _queue.Add(timer);
        var signal = _armedSignal;
        _armedSignal = null;
        signal?.TrySetResult(true);
    }
}
