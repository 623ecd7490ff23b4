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
    private readonly T? value;

    public Optional(T? value)
    {
        this.value = value;
        HasValue = true;
    }

    /// <summary>An absent field (the key is not in the JSON object).</summary>
    public static Optional<T> Absent => default;

    /// <summary>True when the key was present (its value may still be JSON null).</summary>
    public bool HasValue { get; }

    /// <summary>True when the key was present with JSON null.</summary>
    public bool IsNull => HasValue && value is null;

    /// <summary>The value; default when absent or null.</summary>
    public T? Value => value;

    /// <summary>The value, or <paramref name="fallback"/> when absent or null.</summary>
    public T GetValueOrDefault(T fallback) => value is null ? fallback : value;

    public static implicit operator Optional<T>(T? value) => new(value);

    public bool Equals(Optional<T> other) =>
        HasValue == other.HasValue && EqualityComparer<T?>.Default.Equals(value, other.value);

    public override bool Equals(object? obj) => obj is Optional<T> other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(HasValue, value);

    public static bool operator ==(Optional<T> left, Optional<T> right) => left.Equals(right);

    public static bool operator !=(Optional<T> left, Optional<T> right) => !left.Equals(right);

    public override string ToString() => !HasValue ? "absent" : value is null ? "null" : value.ToString() ?? "";
}

/// <summary>Helpers to build <see cref="Optional{T}"/> values without spelling the type.</summary>
public static class Optional
{
    public static Optional<T> Of<T>(T? value) => new(value);

    public static Optional<T> Null<T>() => new(default);
}
