namespace Delight.Runtime.Mailbox;

/// <summary>Shape of one mailbox.</summary>
public sealed record MailboxOptions(string Name, int Capacity, MailboxFullMode FullMode = MailboxFullMode.Wait)
{
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException("A mailbox needs a name.", nameof(Name));
        }

        if (Capacity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Capacity), Capacity, "A mailbox capacity must be positive.");
        }
    }
}
