namespace Delight.Transport.SocketIo;

/// <summary>Doubling reconnect delay from <c>initial</c> up to <c>max</c>; reset after every successful connection.</summary>
internal sealed class ReconnectBackoff
{
    private readonly TimeSpan initial;
    private readonly TimeSpan max;
    private TimeSpan next;

    public ReconnectBackoff(TimeSpan initial, TimeSpan max)
    {
        this.initial = initial;
        this.max = max < initial ? initial : max;
        next = initial;
    }

    public TimeSpan Next()
    {
        var current = next;
        next = TimeSpan.FromTicks(Math.Min(next.Ticks * 2, max.Ticks));
        return current;
    }

    public void Reset() => next = initial;
}
