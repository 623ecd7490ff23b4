using Delight.Runtime.Actor;
using Delight.Runtime.Mutants;

namespace Delight.Runtime.Session;

public sealed partial class SessionEffects
{
    /// <summary>The handler the loop calls when a seeded defect runs effects on the loop. Under
    /// <see cref="Mutant.EffectsRunInline"/> each agent effect runs to its end before the loop reduces the next event,
    /// as upstream's inline effects did (HIST #19/#21): a send that waits on a permission decision then waits on the very
    /// loop that must reduce the decision. Otherwise it is <see cref="HandleAsync"/>.</summary>
    internal ICommandHandler<SessionCommand> Inline => new InlineHandler(this);

    private sealed class InlineHandler(SessionEffects effects) : ICommandHandler<SessionCommand>
    {
        public async ValueTask HandleAsync(SessionCommand command, CancellationToken cancellationToken)
        {
            if (!MutantSwitches.IsArmed(Mutant.EffectsRunInline))
            {
                await effects.HandleAsync(command, cancellationToken).ConfigureAwait(false);
                return;
            }

            switch (command)
            {
                case StartRunner or StopRunner or ApplyAgentConfig or AbortAgent:
                    await effects.ExecuteControlAsync(command, cancellationToken).ConfigureAwait(false);
                    break;
                case SendToAgent or InjectToAgent:
                    await effects.ExecuteSendAsync(command, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await effects.HandleAsync(command, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }
}
