namespace Delight.Runtime.Mailbox;

/// <summary>What <see cref="IMailbox{T}.PostAsync"/> does when the mailbox is full.</summary>
public enum MailboxFullMode
{
    /// <summary>Backpressure: the poster waits for room.</summary>
    Wait,

    /// <summary>Fail loudly: the poster gets a <see cref="MailboxFullException"/>.</summary>
    Fail,
}
