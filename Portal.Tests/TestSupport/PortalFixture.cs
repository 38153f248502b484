namespace KnowledgePortal.Tests.TestSupport;

/// <summary>One real portal shared by the tests of a class (each test uses its own users).</summary>
public class PortalFixture : IAsyncLifetime
{
    public PortalHost Portal { get; private set; } = null!;

    /// <summary>Settings on top of <see cref="PortalHost"/>'s own.</summary>
    protected virtual IDictionary<string, string?>? Settings => null;

    public virtual async ValueTask InitializeAsync() => Portal = await PortalHost.StartAsync(Settings);

    public async ValueTask DisposeAsync()
    {
        await Portal.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
