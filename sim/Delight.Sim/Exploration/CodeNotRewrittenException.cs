namespace Delight.Sim.Exploration;

/// <summary>The code under test was not rewritten by Coyote, so exploring it would report false deadlocks.</summary>
public sealed class CodeNotRewrittenException()
    : InvalidOperationException(
        "The Delight assemblies were not rewritten by Coyote, so the scheduler cannot control them. " +
        "Build the project that runs them (the scenario tests or delight-sim) with `dotnet build`: its " +
        "DelightCoyoteRewrite target (Directory.Build.targets, <CoyoteRewrite>true</CoyoteRewrite>) rewrites them.");
