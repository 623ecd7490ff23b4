namespace Delight.Sim.Cli.Commands.Explore;

/// <summary>Exit codes of explore and replay-bug.</summary>
internal static class ExitCodes
{
    /// <summary>explore: no bug found; replay-bug: the bug no longer reproduces.</summary>
    public const int Clean = 0;

    /// <summary>explore: a bug was found; replay-bug: the bug reproduces.</summary>
    public const int BugFound = 1;

    /// <summary>Bad arguments, an unreadable bug file, or code that was not rewritten by Coyote.</summary>
    public const int BadArguments = 2;
}
