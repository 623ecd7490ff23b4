namespace Delight.Protocol.Crypto.Vectors;

/// <summary>A vector field that cannot even be decoded (not hex, wrong length): the vector fails, naming the field.</summary>
internal sealed class VectorFieldException : Exception
{
    public VectorFieldException()
    {
    }

    public VectorFieldException(string message)
        : base(message)
    {
    }

    public VectorFieldException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
