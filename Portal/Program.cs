using KnowledgePortal.Portal.Hosting;

var app = PortalApp.Build(PortalApp.CreateBuilder(args));
await app.RunAsync();
