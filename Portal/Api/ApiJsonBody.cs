using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Portal.Api;

/// <summary>
/// Reads an API request's JSON body, turning every way it can be wrong into a problem document that
/// says what: not JSON (415), malformed or of the wrong type at a given field (400), too large (413).
/// The framework's own body binding answers those with an empty 400, which a client cannot act on.
/// </summary>
internal static class ApiJsonBody
{
    /// <returns>The body, or the problem to answer with instead.</returns>
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpContext context, CancellationToken cancellationToken)
        where T : class
    {
        var request = context.Request;
        if (!request.HasJsonContentType())
        {
            return (null, ApiProblems.NotJson());
        }
        var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, json, cancellationToken);
            return body is null ? (null, ApiProblems.Invalid("body", "The body must be a JSON object, not null.")) : (body, null);
        }
        catch (JsonException e)
        {
            return (null, ApiProblems.MalformedJson(e));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // A streamed body the server cut off at the limit (ApiRequestBodyLimit).
            var limit = context.RequestServices.GetRequiredService<IOptions<ApiRequestLimits>>().Value.MaxRequestBodyBytes;
            return (null, ApiProblems.TooLarge(limit));
        }
    }
}
