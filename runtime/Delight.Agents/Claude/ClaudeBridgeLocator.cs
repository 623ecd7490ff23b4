namespace Delight.Agents.Claude;

/// <summary>Finds the bridge script and builds the bridge's environment the way ENGINES.md §2.1 says.</summary>
public static class ClaudeBridgeLocator
{
    public const string ScriptName = "claude_remote_bridge.cjs";

    /// <summary><c>&lt;exe dir&gt;/scripts/…</c>, then <c>&lt;exe dir&gt;/../scripts/…</c>, then <c>scripts/…</c> under the
    /// working directory. Null when none exists.</summary>
    public static string? FindScript(string executableDirectory, string workingDirectory)
    {
        string[] candidates =
        [
            Path.Combine(executableDirectory, "scripts", ScriptName),
            Path.Combine(executableDirectory, "..", "scripts", ScriptName),
            Path.Combine(workingDirectory, "scripts", ScriptName),
        ];
        return candidates.Select(Path.GetFullPath).FirstOrDefault(File.Exists);
    }

    /// <summary><c>NODE_PATH</c>: the existing entries, then whichever candidate directories exist, de-duplicated.</summary>
    public static string NodePath(string? existing, string executableDirectory, string workingDirectory, string homeDirectory)
    {
        var entries = (existing ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).ToList();
        string[] candidates =
        [
            Path.Combine(executableDirectory, "node_modules"),
            Path.Combine(executableDirectory, "..", "node_modules"),
            Path.Combine(workingDirectory, "node_modules"),
            Path.Combine(workingDirectory, "cli", "node_modules"),
            "/opt/homebrew/lib/node_modules",
            "/usr/local/lib/node_modules",
            "/usr/lib/node_modules",
            Path.Combine(homeDirectory, ".npm", "lib", "node_modules"),
            Path.Combine(homeDirectory, ".nvm", "versions", "node"),
            "/opt/homebrew/lib/node_modules/task-master-ai/node_modules",
        ];
        entries.AddRange(candidates.Where(Directory.Exists));
        return string.Join(Path.PathSeparator, entries.Distinct(StringComparer.Ordinal));
    }

    /// <summary>Options for the real bridge: <c>node &lt;script&gt;</c> with <c>NODE_PATH</c> extended.</summary>
    public static ClaudeRemoteOptions ForInstallation(string scriptPath, string executableDirectory, string workingDirectory, string homeDirectory, string node = "node") =>
        ClaudeRemoteOptions.ForNodeBridge(scriptPath, node) with
        {
            Environment = new Dictionary<string, string?>
            {
                ["NODE_PATH"] = NodePath(Environment.GetEnvironmentVariable("NODE_PATH"), executableDirectory, workingDirectory, homeDirectory),
            },
        };
}
