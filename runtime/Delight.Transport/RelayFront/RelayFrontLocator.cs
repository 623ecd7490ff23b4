namespace Delight.Transport.RelayFront;

/// <summary>Finds the Node front's folder and the node/npm executables.</summary>
public static class RelayFrontLocator
{
    /// <summary>Environment variable that points at the front's folder (the one holding front.js), if it is not
    /// found by walking up from the running assembly to <c>runtime/Delight.RelayFront</c>.</summary>
    public const string DirectoryVariable = "DELIGHT_RELAY_FRONT_DIR";

    public static string FindFrontDirectory()
    {
        var configured = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(Path.Combine(configured, "front.js"))
                ? configured
                : throw new RelayFrontException($"{DirectoryVariable}={configured} holds no front.js");
        }

        var built = typeof(RelayFrontLocator).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .OfType<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "DelightRepoRoot")?.Value;
        if (!string.IsNullOrEmpty(built) && File.Exists(Path.Combine(built, "runtime", "Delight.RelayFront", "front.js")))
        {
            return Path.Combine(built, "runtime", "Delight.RelayFront");
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "runtime", "Delight.RelayFront");
            if (File.Exists(Path.Combine(candidate, "front.js")))
            {
                return candidate;
            }
        }

        throw new RelayFrontException($"runtime/Delight.RelayFront/front.js not found above {AppContext.BaseDirectory}; set {DirectoryVariable}");
    }

    public static string FindNode() => FindOnPath("node") ?? FindOnPath("nodejs")
        ?? throw new RelayFrontException("Node.js is not installed (node not on PATH); .ci/run installs it with apt");

    public static string FindNpm() => FindOnPath("npm")
        ?? throw new RelayFrontException("npm is not installed (not on PATH); .ci/run installs it with apt");

    private static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
