using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Sim.Cli.Commands.Wire;

/// <summary>
/// Prints a decoded wire value as an indented tree of C# property names: absent fields are left out, JSON null
/// prints as <c>null</c>, strings are quoted, unions show their discriminator, raw JSON prints as JSON.
/// </summary>
internal static class TypedFormPrinter
{
    public static void Print(object value, TextWriter output, int indent)
    {
        ArgumentNullException.ThrowIfNull(output);
        PrintValue(null, value, output, indent);
    }

    private static void PrintValue(string? label, object? value, TextWriter output, int indent)
    {
        var pad = new string(' ', indent * 2);
        var prefix = label is null ? pad : $"{pad}{label}: ";
        switch (value)
        {
            case null:
                output.WriteLine(prefix + "null");
                return;
            case string text:
                output.WriteLine(prefix + Quote(text));
                return;
            case bool flag:
                output.WriteLine(prefix + (flag ? "true" : "false"));
                return;
            case IFormattable number when value.GetType().IsPrimitive:
                output.WriteLine(prefix + number.ToString(null, CultureInfo.InvariantCulture));
                return;
            case RawJson raw:
                output.WriteLine(prefix + "(raw JSON) " + raw.Text);
                return;
            case IUnknownVariant unknown:
                var name = unknown.WireName.Length == 0 ? "unknown" : $"{unknown.WireName}, unknown";
                output.WriteLine($"{prefix}{value.GetType().Name} [{name}] {unknown.Raw.Text}");
                return;
            case IDictionary<string, JsonElement> extra:
                foreach (var (key, element) in extra.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    output.WriteLine($"{pad}{key}: (unmodelled) {element.GetRawText()}");
                }

                return;
            case IDictionary dictionary:
                output.WriteLine(prefix + $"map ({dictionary.Count})");
                foreach (DictionaryEntry entry in dictionary)
                {
                    PrintValue(Quote(entry.Key.ToString() ?? ""), entry.Value, output, indent + 1);
                }

                return;
            case IEnumerable sequence:
                var items = sequence.Cast<object?>().ToList();
                output.WriteLine(prefix + $"list ({items.Count})");
                for (var i = 0; i < items.Count; i++)
                {
                    PrintValue($"[{i}]", items[i], output, indent + 1);
                }

                return;
        }

        var type = value.GetType();
        output.WriteLine(prefix + type.Name + Discriminators(value));
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.IsDefined(typeof(JsonIgnoreAttribute)))
            {
                continue;
            }

            var propertyValue = property.GetValue(value);
            if (property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(Optional<>))
            {
                var optionalType = property.PropertyType;
                if (!(bool)optionalType.GetProperty(nameof(Optional<int>.HasValue))!.GetValue(propertyValue)!)
                {
                    continue;
                }

                propertyValue = (bool)optionalType.GetProperty(nameof(Optional<int>.IsNull))!.GetValue(propertyValue)!
                    ? null
                    : optionalType.GetProperty(nameof(Optional<int>.Value))!.GetValue(propertyValue);
            }
            else if (property.Name == "ExtraFields")
            {
                if (propertyValue is not null)
                {
                    PrintValue(null, propertyValue, output, indent + 1);
                }

                continue;
            }

            PrintValue(property.Name, propertyValue, output, indent + 1);
        }
    }

    /// <summary>A JSON string literal, escaped the way the canonical encoding is (so <c>&lt;id&gt;</c> stays readable).</summary>
    private static string Quote(string text) => JsonSerializer.Serialize(text, WireJson.Options.GetTypeInfo(typeof(string)));

    /// <summary>The wire discriminators a value carries (its <c>[JsonIgnore]</c> name properties), e.g. " [t=update-terminal]".</summary>
    private static string Discriminators(object value)
    {
        var names = new[] { "T", "Type", "Role", "EventName", "MethodName" };
        var parts = value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => names.Contains(p.Name) && p.IsDefined(typeof(JsonIgnoreAttribute)) && p.PropertyType == typeof(string))
            .Select(p => (Name: p.Name, Value: p.GetValue(value) as string))
            .Where(p => p.Value is not null)
            .Select(p => $"{WireKey(p.Name)}={p.Value}");
        var joined = string.Join(", ", parts);
        return joined.Length == 0 ? "" : $" [{joined}]";
    }

    private static string WireKey(string propertyName) => propertyName switch
    {
        "T" => "t",
        "Type" => "type",
        "Role" => "role",
        "EventName" => "event",
        _ => "method",
    };
}
