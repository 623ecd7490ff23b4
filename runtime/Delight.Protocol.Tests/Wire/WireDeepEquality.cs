using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Tests.Wire;

/// <summary>Value comparison of decoded records (records compare ImmutableArray by reference, so compare by walking).</summary>
internal static class WireDeepEquality
{
    /// <summary>Null when equal, otherwise the path of the first difference.</summary>
    public static string? FirstDifference(object? expected, object? actual, string path = "$")
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null ? null : path;
        }

        var type = expected.GetType();
        if (type != actual.GetType())
        {
            return $"{path} (type {type.Name} vs {actual.GetType().Name})";
        }

        if (type.IsPrimitive || expected is string || expected is RawJson || type.IsEnum)
        {
            return Equals(expected, actual) ? null : $"{path} ({expected} vs {actual})";
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Optional<>))
        {
            foreach (var name in new[] { "HasValue", "IsNull" })
            {
                var property = type.GetProperty(name)!;
                if (!Equals(property.GetValue(expected), property.GetValue(actual)))
                {
                    return $"{path} ({name} {property.GetValue(expected)} vs {property.GetValue(actual)})";
                }
            }

            if (!(bool)type.GetProperty("HasValue")!.GetValue(expected)! || (bool)type.GetProperty("IsNull")!.GetValue(expected)!)
            {
                return null;
            }

            var value = type.GetProperty("Value")!;
            return FirstDifference(value.GetValue(expected), value.GetValue(actual), path);
        }

        if (expected is IDictionary<string, JsonElement> extra)
        {
            var other = (IDictionary<string, JsonElement>)actual;
            if (extra.Count != other.Count)
            {
                return path + " (extra field count)";
            }

            foreach (var (key, element) in extra)
            {
                if (!other.TryGetValue(key, out var otherElement)
                    || !JsonNode.DeepEquals(JsonNode.Parse(element.GetRawText()), JsonNode.Parse(otherElement.GetRawText())))
                {
                    return $"{path}.{key}";
                }
            }

            return null;
        }

        if (expected is IDictionary dictionary)
        {
            var other = (IDictionary)actual;
            if (dictionary.Count != other.Count)
            {
                return path + " (count)";
            }

            foreach (DictionaryEntry entry in dictionary)
            {
                if (!other.Contains(entry.Key))
                {
                    return $"{path}[{entry.Key}] (missing)";
                }

                var difference = FirstDifference(entry.Value, other[entry.Key], $"{path}[{entry.Key}]");
                if (difference is not null)
                {
                    return difference;
                }
            }

            return null;
        }

        if (expected is IEnumerable sequence)
        {
            var left = sequence.Cast<object?>().ToList();
            var right = ((IEnumerable)actual).Cast<object?>().ToList();
            if (left.Count != right.Count)
            {
                return path + " (length)";
            }

            for (var i = 0; i < left.Count; i++)
            {
                var difference = FirstDifference(left[i], right[i], $"{path}[{i}]");
                if (difference is not null)
                {
                    return difference;
                }
            }

            return null;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var difference = FirstDifference(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
            if (difference is not null)
            {
                return difference;
            }
        }

        return null;
    }
}
