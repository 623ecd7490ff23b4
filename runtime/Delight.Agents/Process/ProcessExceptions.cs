namespace Delight.Agents.Process;

public sealed class ProcessStartFailedException : Exception
{
    public ProcessStartFailedException()
    {
    }

    public ProcessStartFailedException(string message)
        : base(message)
    {
    }

    public ProcessStartFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

public sealed class ProcessInputClosedException : IOException
{
    public ProcessInputClosedException()
    {
    }

    public ProcessInputClosedException(string message)
        : base(message)
    {
    }

    public ProcessInputClosedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
