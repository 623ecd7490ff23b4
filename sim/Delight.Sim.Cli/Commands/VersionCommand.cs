using System.CommandLine;
using System.Reflection;

namespace Delight.Sim.Cli.Commands;

/// <summary>`delight-sim about`: tool and library versions (also written into bug file headers).</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("about", "Print the versions of delight-sim, the runtime and Coyote.");
        command.SetAction(_ =>
        {
            Console.WriteLine($"delight-sim {typeof(VersionCommand).Assembly.GetName().Version}");
            Console.WriteLine($"runtime     {typeof(Delight.Runtime.Mailbox.IMailbox<>).Assembly.GetName().Version}");
            Console.WriteLine($"coyote      {typeof(Microsoft.Coyote.Configuration).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion}");
            return 0;
        });
        return command;
    }
}
