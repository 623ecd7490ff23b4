namespace Delight.Agents.Claude;

/// <summary>Claude's configuration vocabulary (ENGINES.md §2.8).</summary>
public static class ClaudeSettings
{
    public static IReadOnlyList<string> Models { get; } = ["default", "claude-opus-4-5", "claude-sonnet-4-5", "claude-haiku-4-5"];

    public static IReadOnlyList<string> PermissionModes { get; } = ["default", "plan", "acceptEdits", "bypassPermissions"];

    /// <summary>Trimmed, case-insensitive; unknown values pass through unchanged (Claude rejects them).</summary>
    public static string NormalizePermissionMode(string? mode)
    {
        var trimmed = (mode ?? string.Empty).Trim();
        return trimmed.ToLowerInvariant() switch
        {
            "" or "default" => "default",
            "plan" => "plan",
            "acceptedits" => "acceptEdits",
            "bypasspermissions" => "bypassPermissions",
            _ => trimmed,
        };
    }

    /// <summary>Aliases expand; <c>default</c> or empty means no override (stored as <c>""</c>).</summary>
    public static string NormalizeModel(string? model)
    {
        var trimmed = (model ?? string.Empty).Trim();
        return trimmed switch
        {
            "haiku" => "claude-haiku-4-5",
            "sonnet" => "claude-sonnet-4-5",
            "opus" => "claude-opus-4-5",
            "default" or "" => string.Empty,
            _ => trimmed,
        };
    }
}
