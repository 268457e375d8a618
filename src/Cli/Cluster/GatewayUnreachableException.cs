namespace SglangCi.Cli.Cluster;

/// <summary>The client could not connect to the gateway; the message tells the user how to start a silo.</summary>
public sealed class GatewayUnreachableException : Exception
{
    public GatewayUnreachableException(GatewayEndpoint gateway, string? detail = null, Exception? inner = null)
        : base(BuildMessage(gateway, detail), inner)
    {
    }

    private static string BuildMessage(GatewayEndpoint gateway, string? detail) =>
        $"cannot reach the SglangCi gateway at {gateway} — is the silo running? (dotnet run --project src/Web)"
        + (detail is null ? "" : $" [{detail}]");
}
