namespace Delight.Protocol.Crypto.Vectors;

/// <summary>The input is not a crypto-vectors file at all (not JSON, or the wrong shape), as opposed to a failing vector.</summary>
public sealed class CryptoVectorFormatException : Exception
{
    public CryptoVectorFormatException()
    {
    }

    public CryptoVectorFormatException(string message)
        : base(message)
    {
    }

    public CryptoVectorFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
