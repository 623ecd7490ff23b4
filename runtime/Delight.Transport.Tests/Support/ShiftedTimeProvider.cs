namespace Delight.Transport.Tests.Support;

/// <summary>The system clock moved by <see cref="Offset"/>: lets a client believe its token is about to expire.</summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
