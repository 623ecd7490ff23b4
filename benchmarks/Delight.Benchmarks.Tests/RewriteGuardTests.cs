using Delight.Benchmarks.Infrastructure;
using NUnit.Framework;

namespace Delight.Benchmarks.Tests;

public sealed class RewriteGuardTests
{
    [Test]
    public void This_build_is_not_rewritten()
    {
        Assert.That(RewriteGuard.RuntimeIsRewritten(), Is.False, "the benchmarks project must not set CoyoteRewrite");
    }

    [Test]
    public void An_ordinary_build_runs_every_suite()
    {
        Assert.That(RewriteGuard.Check(["--filter", "*"], runtimeIsRewritten: false), Is.Null);
    }

    [Test]
    public void A_rewritten_build_runs_only_the_exploration_suite()
    {
        Assert.That(RewriteGuard.Check(["--filter", "*Exploration*"], runtimeIsRewritten: true), Is.Null);
        Assert.That(RewriteGuard.Check(["--filter", "*"], runtimeIsRewritten: true), Does.Contain("Coyote-rewritten"));
        Assert.That(RewriteGuard.Check(["--filter", "*Exploration*", "*Loop*"], runtimeIsRewritten: true), Is.Not.Null);
        Assert.That(RewriteGuard.Check([], runtimeIsRewritten: true), Is.Not.Null);
    }
}
