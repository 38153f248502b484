namespace KnowledgePortal.Tests.Portal.Security;

/// <summary>Someone in the leak tests, with a signed-in browser session and an API client using their token.</summary>
public sealed record Person(string UserId, string Email, HttpClient Browser, HttpClient Api) : IDisposable
{
    public void Dispose()
    {
        Browser.Dispose();
        Api.Dispose();
    }
}
