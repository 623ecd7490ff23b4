namespace Delight.Agents.Stubs;

/// <summary>Options shared by the stubs. Unknown arguments (the adapter's own, such as <c>--cwd</c>) are kept by name.</summary>
internal sealed class StubArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public static StubArguments Parse(string[] args)
    {
        var parsed = new StubArguments();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                continue;
            }

            if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                parsed._values[name] = args[i + 1];
                i++;
            }
            else
            {
                parsed._flags.Add(name);
            }
        }

        return parsed;
    }

    public string? Get(string name) => _values.TryGetValue(name, out var value) ? value : null;

    public int GetInt(string name, int fallback) => int.TryParse(Get(name), out var value) ? value : fallback;

    public bool Has(string name) => _flags.Contains(name) || _values.ContainsKey(name);
}
