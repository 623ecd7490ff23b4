using Delight.Runtime.Agents;

namespace Delight.Agents.Tests.Twins;

/// <summary>A real engine with its stub, on the wall clock.</summary>
internal sealed class RealRig : EngineRig
{
    private readonly IAgentEngine _engine;
    private readonly Func<ValueTask>? _cleanup;

    public RealRig(Func<IAgentHost, IAgentEngine> create, Func<ValueTask>? cleanup = null)
        : base("real")
    {
        ArgumentNullException.ThrowIfNull(create);
        _engine = create(Host);
        _cleanup = cleanup;
    }

    public override IAgentEngine Engine => _engine;

    public override Task UntilAsync(Func<bool> condition, string what) =>
        PollAsync(condition, what, Host, () => Task.Delay(20));

    public override Task SettleAsync() => Task.Delay(500);

    public override async ValueTask DisposeAsync()
    {
        await _engine.DisposeAsync().ConfigureAwait(false);
        if (_cleanup is not null)
        {
            await _cleanup().ConfigureAwait(false);
        }
    }
}
