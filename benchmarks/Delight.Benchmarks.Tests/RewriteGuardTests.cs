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
    public void Each_executable_refuses_the_other_kind_of_build()
    {
        Assert.That(RewriteGuard.Check(BuildKind.Ordinary, runtimeIsRewritten: false), Is.Null);
        Assert.That(RewriteGuard.Check(BuildKind.Ordinary, runtimeIsRewritten: true), Does.Contain("Coyote-rewritten"));
        Assert.That(RewriteGuard.Check(BuildKind.Rewritten, runtimeIsRewritten: true), Is.Null);
        Assert.That(RewriteGuard.Check(BuildKind.Rewritten, runtimeIsRewritten: false), Does.Contain("must measure Coyote-rewritten"));
    }
}
