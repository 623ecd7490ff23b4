using Delight.Runtime.Agents;
using Delight.Sim.Exploration;

namespace Delight.Sim.Fakes.Twins;

/// <summary>
/// The twin of <c>FakeEngine</c>: ready at once in either mode; a remote send reports, synchronously and in order,
/// working true, the record <c>fake-agent: &lt;trimmed text&gt;</c> and working false (nothing for a blank text).
/// No exit, no permission, no crash; Abort and Stop report nothing.
/// </summary>
public sealed class FakeTwin : TwinEngine
{
    public FakeTwin(SimContext context, IAgentHost host, AgentScript script)
        : base(context, host, script, EngineTwinProfiles.Fake)
    {
    }

    private protected override async Task SendCoreAsync(TwinRunner runner, AgentUserMessage message, TwinDirective directive)
    {
        var text = message.Text.Trim();
        if (text.Length == 0)
        {
            return;
        }

        await ReportAsync(new AgentWorking(runner.Generation, AgentMode.Remote, true, NowMs())).ConfigureAwait(false);
        await ReportTextAsync(runner, Profile.Turn.ReplyPrefix + text).ConfigureAwait(false);
        await ReportAsync(new AgentWorking(runner.Generation, AgentMode.Remote, false, NowMs())).ConfigureAwait(false);
    }

    private protected override Task AbortCoreAsync(TwinRunner runner) => Task.CompletedTask;
}
