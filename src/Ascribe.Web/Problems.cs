using Microsoft.AspNetCore.Http;

namespace Ascribe.Web;

/// <summary>RFC 9457 problem-details answers used by every API error.</summary>
public static class Problems
{
    public static IResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "Bad request", detail);

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", detail);

    public static IResult TooLarge(long limit) => Problem(
        StatusCodes.Status413PayloadTooLarge,
        "Request body too large",
        $"The request body is larger than the limit of {limit} bytes.");

    public static IResult Problem(int status, string title, string detail)
        => Results.Problem(statusCode: status, title: title, detail: detail);

    /// <summary>Writes a problem straight to the response (for middleware, outside endpoint results).</summary>
    public static Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);
    }
}
