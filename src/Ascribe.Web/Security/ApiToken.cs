using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Ascribe.Web.Security;

/// <summary>
/// Guards write endpoints. Without a configured token the server is read-only (403); with one, a
/// request must send <c>Authorization: Bearer TOKEN</c> (401 otherwise). Tokens are compared in
/// constant time.
/// </summary>
public sealed class ApiToken : IEndpointFilter
{
    private readonly byte[]? _hash;

    public ApiToken(WebServerOptions options)
    {
        _hash = string.IsNullOrEmpty(options.ApiToken) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(options.ApiToken));
    }

    public bool Configured => _hash is not null;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (_hash is null)
        {
            return Problems.Problem(StatusCodes.Status403Forbidden, "Read-only server",
                "This server was started without an API token, so write endpoints are disabled. Start it with --api-token or ASCRIBE_API_TOKEN.");
        }

        string header = http.Request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim())), _hash))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Problems.Problem(StatusCodes.Status401Unauthorized, "Unauthorized",
                "Write endpoints need the header 'Authorization: Bearer <token>' with the server's API token.");
        }

        return await next(context).ConfigureAwait(false);
    }
}
