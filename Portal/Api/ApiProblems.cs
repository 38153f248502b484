using System.Globalization;

namespace KnowledgePortal.Portal.Api;

/// <summary>The API's refusals as problem details (RFC 9457), with what a client needs to act on them.</summary>
internal static class ApiProblems
{
    /// <summary>429 with a Retry-After header and the same wait in seconds in the body.</summary>
    public static IResult TooMany(HttpContext context, string title, string what, TimeSpan wait)
    {
        var seconds = (int)Math.Max(1, Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: title,
            detail: $"You are {what} faster than the portal allows. Try again in {seconds} seconds.",
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds });
    }

    public static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
