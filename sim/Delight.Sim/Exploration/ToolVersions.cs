using System.Reflection;

namespace Delight.Sim.Exploration;

/// <summary>Versions written into bug file headers.</summary>
public sealed record ToolVersions(string DelightSim, string Runtime, string Coyote, string DotNet)
{
    public static ToolVersions Current { get; } = new(
        VersionOf(typeof(ToolVersions).Assembly),
        VersionOf(typeof(Delight.Runtime.Mailbox.IMailbox<>).Assembly),
        VersionOf(typeof(Microsoft.Coyote.Configuration).Assembly),
        Environment.Version.ToString());

    private static string VersionOf(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString()
        ?? "unknown";
}
