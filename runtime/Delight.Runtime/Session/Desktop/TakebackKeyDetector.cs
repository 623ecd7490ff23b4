namespace Delight.Runtime.Session;

/// <summary>
/// Turns raw desktop keys into <see cref="TakebackSignal"/>s: two spaces within <see cref="WindowMs"/> (15 s) are a
/// takeback, byte 0x03 is an interrupt, anything else is ignored. Pure apart from remembering the last space; the time
/// of each key comes from the caller.
/// </summary>
public sealed class TakebackKeyDetector(long windowMs = TakebackKeyDetector.DefaultWindowMs)
{
    public const long DefaultWindowMs = 15_000;
    public const char CtrlC = '\u0003';

    private long? _lastSpaceMs;

    public long WindowMs { get; } = windowMs;

    public TakebackSignal? OnKey(char key, long nowMs)
    {
        if (key == CtrlC)
        {
            _lastSpaceMs = null;
            return TakebackSignal.Interrupt;
        }

        if (key != ' ')
        {
            return null;
        }

        if (_lastSpaceMs is { } last && nowMs - last <= WindowMs)
        {
            _lastSpaceMs = null;
            return TakebackSignal.Takeback;
        }

        _lastSpaceMs = nowMs;
        return null;
    }
}
