using System.Runtime.InteropServices;

namespace Delight.Agents.Process;

/// <summary>kill(2), for SIGINT/SIGTERM to one process (not its group). System.Diagnostics.Process only sends SIGKILL.</summary>
internal static partial class NativeSignals
{
    public static bool TrySend(int pid, PosixSignalNumber signal)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            return Kill(pid, (int)signal) == 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Kill(int pid, int signal);
}
