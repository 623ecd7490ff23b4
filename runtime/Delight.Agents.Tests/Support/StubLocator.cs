namespace Delight.Agents.Tests.Support;

/// <summary>Finds the stub agents copied next to the test assembly by the CopyAgentStubs target, and the dotnet host
/// that runs them.</summary>
internal static class StubLocator
{
    public static string StubAssembly
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "stubs", "Delight.Agents.Stubs.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("stub agents not built next to the tests", path);
        }
    }

    /// <summary>The dotnet host: the SDK sets DOTNET_HOST_PATH for test runs; otherwise the running host or PATH.</summary>
    public static string DotnetHost
    {
        get
        {
            var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
            {
                return fromSdk;
            }

            var self = Environment.ProcessPath;
            return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
        }
    }

    public static IReadOnlyList<string> Prefix(string mode, params string[] options) => [StubAssembly, mode, .. options];
}
