using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KnowledgePortal.Shared.Storage;

/// <summary>Lets `dotnet ef migrations add` build the model without starting a host.</summary>
internal sealed class DesignTimeKnowledgeDbContextFactory : IDesignTimeDbContextFactory<KnowledgeDbContext>
{
    public KnowledgeDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<KnowledgeDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
