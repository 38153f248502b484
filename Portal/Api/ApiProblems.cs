using System.Globalization;
using System.Text.Json;

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

    /// <summary>400 naming the field in the title and saying in the detail (and under errors) what is wrong with it.</summary>
    public static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message, title: $"Invalid {field}");

    /// <summary>400 for a body that is not JSON, or holds a value of the wrong type: where, as a field name when there is one.</summary>
    public static IResult MalformedJson(JsonException exception)
    {
        // "$.history[0].question" → "history[0].question"; the exception's message names .NET types, not what a client sent.
        var field = exception.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        return field is null
            ? Invalid("body", "The body is not well-formed JSON.")
            : Invalid(field, $"The value of {field} has the wrong type or is not valid JSON.");
    }

    /// <summary>415 for a body sent as anything but JSON.</summary>
    public static IResult NotJson() => Results.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "The body must be JSON",
        detail: "Send the body as JSON with Content-Type: application/json.");

    /// <summary>413 for a body over the configured limit, refused before it is read.</summary>
    public static IResult TooLarge(long limitBytes) => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large",
        detail: $"The API accepts request bodies of at most {limitBytes / 1024} KB.");
}
