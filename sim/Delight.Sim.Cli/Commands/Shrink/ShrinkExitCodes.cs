namespace Delight.Sim.Cli.Commands.Shrink;

/// <summary>Exit codes of `shrink`.</summary>
internal static class ShrinkExitCodes
{
    /// <summary>The failure reproduced and the shrunk bug file was written.</summary>
    public const int Shrunk = 0;

    /// <summary>The recorded configuration, pinned, did not fail with the bug's invariant in the attempted iterations.</summary>
    public const int NotReproduced = 1;

    /// <summary>Bad arguments, a missing or malformed bug file, or code that was not rewritten by Coyote.</summary>
    public const int BadInput = 2;
}
