using System.Text.Json.Serialization;

namespace Delight.Protocol.Wire.Json;

/// <summary>
/// A wire field that may be absent, present with JSON <c>null</c>, or present with a value.
/// <c>default</c> is "absent"; the serializer omits absent fields and writes present ones (null included),
/// so a decoded payload re-encodes with the same keys it came with.
/// </summary>
[JsonConverter(typeof(OptionalConverterFactory))]
public readonly struct Optional<T> : IEquatable<Optional<T>>
{
    // 0 = absent, 1 = JSON null, 2 = a value. Tracked apart from the value so null survives for value types too.
    private readonly byte state;
    private readonly T? value;

    public Optional(T? value)
    {
        this.value = value;
        state = value is null ? (byte)1 : (byte)2;
    }

    private Optional(byte state, bool marker)
    {
        _ = marker;
        this.state = state;
        value = default;
    }

    /// <summary>An absent field (the key is not in the JSON object).</summary>
    public static Optional<T> Absent => default;

    /// <summary>A field present with JSON null (also for value types: <c>"seq":null</c>).</summary>
    public static Optional<T> Null { get; } = new(1, marker: true);

    /// <summary>True when the key was present (its value may still be JSON null).</summary>
    public bool HasValue => state != 0;

    /// <summary>True when the key was present with JSON null.</summary>
    public bool IsNull => state == 1;

    /// <summary>The value; default when absent or null.</summary>
    public T? Value => value;

    /// <summary>The value, or <paramref name="fallback"/> when absent or null.</summary>
    public T GetValueOrDefault(T fallback) => state == 2 && value is not null ? value : fallback;

    public static implicit operator Optional<T>(T? value) => new(value);

    public bool Equals(Optional<T> other) =>
        state == other.state && EqualityComparer<T?>.Default.Equals(value, other.value);

    public override bool Equals(object? obj) => obj is Optional<T> other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(state, value);

    public static bool operator ==(Optional<T> left, Optional<T> right) => left.Equals(right);

    public static bool operator !=(Optional<T> left, Optional<T> right) => !left.Equals(right);

    public override string ToString() => state switch
    {
        0 => "absent",
        1 => "null",
        _ => value?.ToString() ?? "",
    };
}

/// <summary>Helpers to build <see cref="Optional{T}"/> values without spelling the type.</summary>
public static class Optional
{
    public static Optional<T> Of<T>(T? value) => new(value);

    public static Optional<T> Null<T>() => Optional<T>.Null;
}
