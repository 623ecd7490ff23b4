namespace Delight.Transport.RelayFront;

public sealed record RelayFrontHttpResponse(int Status, string Body, string ContentType = "application/json; charset=utf-8")
{
    public static RelayFrontHttpResponse Json(int status, string body) => new(status, body);
}
