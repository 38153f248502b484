namespace KnowledgePortal.Tests.TestSupport;

/// <summary>One real portal shared by the tests of a class (each test uses its own users).</summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public PortalHost Portal { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Portal = await PortalHost.StartAsync();

    public async ValueTask DisposeAsync() => await Portal.DisposeAsync();
}
