using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using Delight.Protocol.Wire.Json;
using Delight.Protocol.Wire.Records;

namespace Delight.Protocol.Tests.Wire;

/// <summary>
/// A small seeded generator of wire values, driven by reflection over the record types: every
/// <see cref="Optional{T}"/> is randomly absent, null or a value; unions pick a random known variant.
/// </summary>
internal sealed class WireValueGenerator(int seed)
{
    private static readonly string[] Strings =
    [
        "", "a", "hello", "<id>", "c1767034856201859000", "héllo wörld", "line\nbreak", "quote\"back\\slash",
        "\u2028\u2029", "emoji 🎉", "&amp;", "tab\t", "   ", "ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+f4CBgoM=",
    ];

    private static readonly Assembly WireAssembly = typeof(WireJson).Assembly;

    private readonly Random random = new(seed);

    /// <summary>How deep nested records may go before optional fields are left absent.</summary>
    public int MaxDepth { get; init; } = 4;

    public object Create(Type type) => Value(type, 0);

    private object Value(Type type, int depth)
    {
        if (type == typeof(string))
        {
            return NextString();
        }

        if (type == typeof(long))
        {
            return random.Next(6) switch
            {
                0 => long.MaxValue,
                1 => long.MinValue,
                2 => 0L,
                3 => -1L,
                _ => random.NextInt64(long.MinValue, long.MaxValue),
            };
        }

        if (type == typeof(bool))
        {
            return random.Next(2) == 0;
        }

        if (type == typeof(double))
        {
            return random.Next(4) switch
            {
                0 => 0.0,
                1 => Math.Round(random.NextDouble() * 100, 4),
                _ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-10, 12)),
            };
        }

        if (type == typeof(RawJson))
        {
            return RawJson.Parse(RandomJson(depth, allowNull: false));
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            var element = type.GetGenericArguments()[0];
            var count = depth >= MaxDepth ? 0 : random.Next(4);
            var array = Array.CreateInstance(element, count);
            for (var i = 0; i < count; i++)
            {
                array.SetValue(Value(element, depth + 1), i);
            }

            return typeof(ImmutableArray).GetMethods()
                .Single(m => m.Name == nameof(ImmutableArray.Create) && m.GetParameters() is [{ ParameterType.IsArray: true }])
                .MakeGenericMethod(element)
                .Invoke(null, [array])!;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableSortedDictionary<,>))
        {
            var valueType = type.GetGenericArguments()[1];
            var builder = typeof(ImmutableSortedDictionary).GetMethods()
                .Single(m => m.Name == nameof(ImmutableSortedDictionary.CreateBuilder) && m.GetParameters().Length == 0)
                .MakeGenericMethod(typeof(string), valueType)
                .Invoke(null, null)!;
            var count = depth >= MaxDepth ? 0 : random.Next(3);
            for (var i = 0; i < count; i++)
            {
                ((IDictionary)builder)[$"req-{i}-{NextString()}"] = Value(valueType, depth + 1);
            }

            return builder.GetType().GetMethod("ToImmutable")!.Invoke(builder, null)!;
        }

        if (type.IsAbstract)
        {
            var variants = ConcreteVariants(type);
            return Value(variants[random.Next(variants.Length)], depth);
        }

        return Record(type, depth);
    }

    private object Record(Type type, int depth)
    {
        var ctor = type.GetConstructors()
            .Where(c => !(c.GetParameters() is [var only] && only.ParameterType == type))
            .OrderByDescending(c => c.GetParameters().Length)
            .First();
        var args = ctor.GetParameters().Select(p => Required(p.ParameterType, depth)).ToArray();
        var instance = ctor.Invoke(args);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var setter = property.GetSetMethod(nonPublic: true);
            if (setter is null || ctor.GetParameters().Any(p => string.Equals(p.Name, property.Name, StringComparison.Ordinal)))
            {
                continue;
            }

            if (property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(Optional<>))
            {
                setter.Invoke(instance, [OptionalValue(property.PropertyType, depth, ForcePresent(type, property))]);
            }
            else if (property.Name == "ExtraFields" && random.Next(2) == 0)
            {
                setter.Invoke(instance, [ExtraFields()]);
            }
        }

        return instance;
    }

    /// <summary>A Claude transcript line is recognised by its <c>type</c>, so it must be present.</summary>
    private static bool ForcePresent(Type owner, PropertyInfo property) =>
        owner == typeof(ClaudeTranscriptLine) && property.Name == nameof(ClaudeTranscriptLine.Type);

    private object Required(Type type, int depth)
    {
        if (type == typeof(string))
        {
            // Required strings (ciphertexts, method names) are never empty on the wire.
            return "x" + NextString();
        }

        return Value(type, depth + 1);
    }

    private object OptionalValue(Type optionalType, int depth, bool forcePresent)
    {
        var inner = optionalType.GetGenericArguments()[0];
        var roll = forcePresent ? 5 : depth >= MaxDepth ? 0 : random.Next(6);
        return roll switch
        {
            0 or 1 => Activator.CreateInstance(optionalType)!,
            2 => optionalType.GetProperty("Null", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!,
            _ => Activator.CreateInstance(optionalType, Value(inner, depth + 1))!,
        };
    }

    private Dictionary<string, JsonElement> ExtraFields()
    {
        var extra = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var count = 1 + random.Next(3);
        for (var i = 0; i < count; i++)
        {
            using var document = JsonDocument.Parse(RandomJson(2, allowNull: true));
            extra[$"x_extra_{i}"] = document.RootElement.Clone();
        }

        return extra;
    }

    private string NextString() => Strings[random.Next(Strings.Length)] + (random.Next(3) == 0 ? random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture) : "");

    private string RandomJson(int depth, bool allowNull)
    {
        var roll = depth >= MaxDepth ? random.Next(4) : random.Next(7);
        return roll switch
        {
            0 => JsonSerializer.Serialize(NextString(), WireJsonContext.Default.String),
            1 => random.NextInt64(-1_000_000, 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
            2 => random.Next(2) == 0 ? "true" : "false",
            3 => allowNull ? "null" : "0",
            4 or 5 => "{" + string.Join(",", Enumerable.Range(0, random.Next(3)).Select(i => $"\"k{i}\":{RandomJson(depth + 1, allowNull: true)}")) + "}",
            _ => "[" + string.Join(",", Enumerable.Range(0, random.Next(3)).Select(_ => RandomJson(depth + 1, allowNull: true))) + "]",
        };
    }

    /// <summary>Concrete, known (not Unknown*) types assignable to a union base.</summary>
    public static Type[] ConcreteVariants(Type baseType) =>
        WireAssembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract && baseType.IsAssignableFrom(t) && !t.Name.StartsWith("Unknown", StringComparison.Ordinal))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToArray();
}
