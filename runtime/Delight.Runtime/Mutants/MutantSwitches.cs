namespace Delight.Runtime.Mutants;

/// <summary>
/// The one switch that arms a seeded mutant. Internal: production code cannot reach it; only the simulation
/// assemblies (InternalsVisibleTo) can. At most one mutant is armed at a time; arming is process-wide because a
/// Coyote test explores one configuration at a time.
/// </summary>
internal static class MutantSwitches
{
    private static int s_armed;

    // Plain reads on purpose: Volatile/Interlocked are Coyote scheduling points, and this is read on hot paths.
    public static Mutant Armed => (Mutant)s_armed;

    public static bool IsArmed(Mutant mutant) => s_armed == (int)mutant;

    /// <summary>Arms <paramref name="mutant"/> until the returned scope is disposed.</summary>
    public static IDisposable Arm(Mutant mutant)
    {
        var previous = Interlocked.Exchange(ref s_armed, (int)mutant);
        return new Scope(previous);
    }

    private sealed class Scope(int previous) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Volatile.Write(ref s_armed, previous);
            }
        }
    }
}
