using System.Collections.Immutable;
using Delight.Runtime.Session;

namespace Delight.Runtime.Tests.Session;

/// <summary>One row of a transition table: state × event → assertions on the next state and the commands.</summary>
public sealed record ReducerRow(string Name, SessionState Given, SessionEvent When, Action<SessionState, ImmutableArray<SessionCommand>> Then)
{
    public override string ToString() => Name;

    public NUnit.Framework.TestCaseData ToCase() => new NUnit.Framework.TestCaseData(this).SetName(Name);
}
