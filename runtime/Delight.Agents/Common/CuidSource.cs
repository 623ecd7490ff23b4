namespace Delight.Agents.Common;

/// <summary>The CLI's CUID from a <see cref="TimeProvider"/>. Unlike upstream, two ids minted in the same nanosecond
/// never collide: the counter only moves forward.</summary>
public sealed class CuidSource : IAgentIdSource
{
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private long _last;

    public CuidSource(TimeProvider time)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public static CuidSource System { get; } = new(TimeProvider.System);

    public string NextCuid()
    {
        var nanos = (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
        lock (_gate)
        {
            _last = nanos > _last ? nanos : _last + 1;
            return "c" + _last.ToString(global::System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public string NewUuid() => Guid.NewGuid().ToString("D");
}
