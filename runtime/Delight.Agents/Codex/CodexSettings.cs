namespace Delight.Agents.Codex;

/// <summary>Codex's configuration vocabulary (ENGINES.md §4.3, §4.6).</summary>
public static class CodexSettings
{
    public const string DefaultModel = "gpt-5.2-codex";
    public const string DefaultEffort = "medium";

    public static IReadOnlyList<string> Models { get; } = ["gpt-5.2-codex", "gpt-5.1-codex-max", "gpt-5.1-codex-mini", "gpt-5.2"];

    public static IReadOnlyList<string> PermissionModes { get; } = ["default", "read-only", "safe-yolo", "yolo"];

    public static IReadOnlyList<string> EffortsFor(string? model) =>
        model == "gpt-5.1-codex-mini" ? ["medium", "high"] : ["low", "medium", "high", "xhigh"];

    public static string NormalizePermissionMode(string? mode) =>
        mode is "default" or "read-only" or "safe-yolo" or "yolo" ? mode : "default";

    /// <summary>The sandbox mode for a permission mode, in the camelCase or kebab-case spelling.</summary>
    public static string Sandbox(string permissionMode, bool camel) => (permissionMode, camel) switch
    {
        ("read-only", true) => "readOnly",
        ("read-only", false) => "read-only",
        ("yolo", true) => "dangerFullAccess",
        ("yolo", false) => "danger-full-access",
        (_, true) => "workspaceWrite",
        (_, false) => "workspace-write",
    };

    public static IReadOnlyList<string> CamelNames { get; } = ["readOnly", "workspaceWrite", "dangerFullAccess"];

    public static IReadOnlyList<string> KebabNames { get; } = ["read-only", "workspace-write", "danger-full-access"];

    /// <summary>True when an error says the given spelling is an unknown variant.</summary>
    public static bool RejectsSpelling(string error, IReadOnlyList<string> names) =>
        error.Contains("unknown variant", StringComparison.Ordinal) && names.Any(n => error.Contains(n, StringComparison.Ordinal));
}
