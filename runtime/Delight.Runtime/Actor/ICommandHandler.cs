namespace Delight.Runtime.Actor;

/// <summary>Executes one command on the effects runner. Long work must not be awaited here: it goes to its own
/// resource queue or task and reports back as an event, so one slow effect never stalls the others.</summary>
public interface ICommandHandler<in TCommand>
{
    ValueTask HandleAsync(TCommand command, CancellationToken cancellationToken);
}
