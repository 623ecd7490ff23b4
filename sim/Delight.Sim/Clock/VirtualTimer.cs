namespace Delight.Sim.Clock;

/// <summary>One timer of the <see cref="VirtualTimeProvider"/>. Its fields are guarded by the provider's lock.</summary>
internal sealed class VirtualTimer(VirtualTimeProvider owner, long id, TimerCallback callback, object? state) : ITimer
{
    public long Id { get; } = id;

    public long DeadlineTicks { get; set; }

    public long PeriodTicks { get; set; }

    /// <summary>Tie-breaker: timers with the same deadline fire in the order they were armed.</summary>
    public long Order { get; set; }

    public bool Armed { get; set; }

    public bool Disposed { get; set; }

    public void Invoke() => callback(state);

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        owner.Change(this, dueTime, period);
        return !Disposed;
    }

    public void Dispose() => owner.Remove(this);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }

    internal sealed class DeadlineOrder : IComparer<VirtualTimer>
    {
        public static readonly DeadlineOrder Instance = new();

        public int Compare(VirtualTimer? x, VirtualTimer? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null)
            {
                return -1;
            }

            if (y is null)
            {
                return 1;
            }

            var byDeadline = x.DeadlineTicks.CompareTo(y.DeadlineTicks);
            return byDeadline != 0 ? byDeadline : x.Order.CompareTo(y.Order);
        }
    }
}
