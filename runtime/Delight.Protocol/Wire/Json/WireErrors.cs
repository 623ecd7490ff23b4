using System.Text.Json;
using System.Text.RegularExpressions;

namespace Delight.Protocol.Wire.Json;

/// <summary>Turns System.Text.Json failures into <see cref="WireFormatException"/> with a full path and a plain message.</summary>
internal static partial class WireErrors
{
    /// <summary>The full path of an exception, joining the serializer's path with our nested suffix.</summary>
    public static string FullPath(JsonException ex)
    {
        var path = ex.Path ?? "$";
        return ex is WireJsonException wire ? path + wire.Suffix : path;
    }

    /// <summary>Re-throws an error from a nested deserialization so the outer serializer prefixes its location.</summary>
    public static WireJsonException Nest(JsonException ex) => new(Detail(ex), FullPath(ex)[1..]);

    public static WireJsonException Missing(string field) => new($"missing required field '{field}'", "." + field);

    public static WireJsonException MustBe(string field, string expected) => new($"'{field}' must be {expected}", "." + field);

    public static WireFormatException ToWireFormat(JsonException ex)
    {
        var path = FullPath(ex);
        var detail = Detail(ex);
        // Syntax errors (bad token, truncated text, depth) carry a position; type errors carry a path.
        var syntax = ex.GetType().Name == "JsonReaderException" || detail.Contains("maximum configured depth", StringComparison.Ordinal);
        return new WireFormatException(
            detail,
            path,
            FieldOf(path),
            syntax ? ex.LineNumber : null,
            syntax ? ex.BytePositionInLine : null,
            ex);
    }

    /// <summary>The message without the serializer's appended location, with .NET type names put in wire terms.</summary>
    public static string Detail(JsonException ex)
    {
        if (ex is WireJsonException wire)
        {
            return wire.Detail;
        }

        var message = ex.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        if (cut >= 0)
        {
            message = message[..cut];
        }

        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return "nested deeper than 64 levels";
        }

        var match = ConvertedTo().Match(message);
        if (match.Success)
        {
            var expected = Describe(match.Groups[1].Value);
            var token = ex.InnerException is InvalidOperationException inner ? TokenAs().Match(inner.Message) : Match.Empty;
            if (token.Success)
            {
                // A constructor parameter's failure names the declaring type; the reader's message knows better.
                if (expected.StartsWith("an object (", StringComparison.Ordinal))
                {
                    expected = token.Groups[2].Value switch
                    {
                        "string" => "a string",
                        "boolean" => "true or false",
                        "number" => "a number",
                        var other => "a " + other,
                    };
                }

                return $"wrong type: expected {expected}, got {Got(token.Groups[1].Value)}";
            }

            return "wrong type: expected " + expected;
        }

        return message.TrimEnd('.');
    }

    /// <summary>The last property name in a path: <c>$.body.seq</c> → <c>seq</c>, <c>$.items[2]</c> → <c>items[2]</c>.</summary>
    public static string? FieldOf(string path)
    {
        if (path is "$" or "")
        {
            return null;
        }

        var end = path.Length;
        // Trailing indices belong to the field they index.
        var index = "";
        while (end > 0 && path[end - 1] == ']')
        {
            var open = path.LastIndexOf('[', end - 1);
            if (open < 0)
            {
                break;
            }

            var inner = path[(open + 1)..(end - 1)];
            if (inner.StartsWith('\'') && inner.EndsWith('\'') && inner.Length >= 2)
            {
                return inner[1..^1] + index;
            }

            index = path[open..end] + index;
            end = open;
        }

        var dot = path.LastIndexOf('.', end - 1);
        var name = path[(dot + 1)..end];
        return name is "$" or "" ? (index.Length > 0 ? index : null) : name + index;
    }

    private static string Describe(string dotnetType) => dotnetType switch
    {
        "System.Int64" or "System.Int32" => "an integer",
        "System.Double" or "System.Decimal" => "a number",
        "System.String" => "a string",
        "System.Boolean" => "true or false",
        _ when dotnetType.Contains("ImmutableArray", StringComparison.Ordinal) => "an array",
        _ when dotnetType.Contains("Dictionary", StringComparison.Ordinal) => "an object",
        _ => "an object (" + dotnetType[(dotnetType.LastIndexOf('.') + 1)..] + ")",
    };

    private static string Got(string tokenType) => tokenType switch
    {
        "Number" => "a number",
        "String" => "a string",
        "True" or "False" => "a boolean",
        "StartObject" => "an object",
        "StartArray" => "an array",
        "Null" => "null",
        _ => tokenType,
    };

    [GeneratedRegex(@"token type '(\w+)' as an? (\w+)")]
    private static partial Regex TokenAs();

    [GeneratedRegex(@"could not be converted to ([\w.`\[\], =]+?)\.?$")]
    private static partial Regex ConvertedTo();
}
