using Microsoft.AspNetCore.Http;

namespace Ascribe.Web.Security;

/// <summary>
/// Enforces the request body limit. A declared Content-Length over the limit is refused before the
/// body is read; a chunked body is counted while it is read (<see cref="ReadBodyAsync"/>), and
/// Kestrel's own limit backs both up.
/// </summary>
public static class RequestLimits
{
    public static Task Apply(HttpContext context, Func<Task> next, long limit)
    {
        if (context.Request.ContentLength is long length && length > limit)
        {
            return Problems.Write(context, StatusCodes.Status413PayloadTooLarge, "Request body too large",
                $"The request body is larger than the limit of {limit} bytes.");
        }

        return next();
    }

    /// <summary>Reads the whole body, or returns null as soon as it passes <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
