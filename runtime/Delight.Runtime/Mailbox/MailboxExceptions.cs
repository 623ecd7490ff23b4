namespace Delight.Runtime.Mailbox;

/// <summary>Thrown when posting to a full mailbox created with <see cref="MailboxFullMode.Fail"/>.</summary>
public sealed class MailboxFullException(string mailbox, int capacity)
    : InvalidOperationException($"mailbox '{mailbox}' is full ({capacity} items); the item was not accepted")
{
    public string Mailbox { get; } = mailbox;
}

/// <summary>Thrown when posting to a mailbox that was completed.</summary>
public sealed class MailboxClosedException(string mailbox)
    : InvalidOperationException($"mailbox '{mailbox}' is closed")
{
    public string Mailbox { get; } = mailbox;
}
