using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KnowledgePortal.Shared.Storage;

public class KnowledgeDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<SourceDocument> Documents => Set<SourceDocument>();

    public DbSet<DocumentAudience> DocumentAudiences => Set<DocumentAudience>();

    public DbSet<DocumentPage> DocumentPages => Set<DocumentPage>();

    public DbSet<Chunk> Chunks => Set<Chunk>();

    public DbSet<IngestionJob> Jobs => Set<IngestionJob>();

    public DbSet<StagedChunk> StagedChunks => Set<StagedChunk>();

    public DbSet<StagedPage> StagedPages => Set<StagedPage>();

    public DbSet<IndexChange> IndexChanges => Set<IndexChange>();

    public DbSet<StoreSetting> Settings => Set<StoreSetting>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        if (Database.IsSqlite())
        {
            // SQLite has no date type; as ticks, times sort and compare in SQL.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<SourceDocument>(document =>
        {
            document.HasIndex(d => d.Name);
            document.HasIndex(d => d.SourcePath);
            document.Property(d => d.Name).HasMaxLength(400);
            document.Property(d => d.ContentHash).HasMaxLength(64);
            document.Property(d => d.IndexedHash).HasMaxLength(64);
            document.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
            document.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
            document.HasMany(d => d.Audience).WithOne().HasForeignKey(a => a.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<DocumentAudience>(audience =>
        {
            audience.HasKey(a => new { a.DocumentId, a.Principal });
            audience.HasIndex(a => a.Principal);
            audience.Property(a => a.Principal).HasMaxLength(200);
        });

        modelBuilder.Entity<DocumentPage>(page =>
        {
            page.HasKey(p => new { p.DocumentId, p.Number });
            page.HasOne<SourceDocument>().WithMany().HasForeignKey(p => p.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Chunk>(chunk =>
        {
            chunk.HasIndex(c => new { c.DocumentId, c.Ordinal }).IsUnique();
            chunk.HasOne<SourceDocument>().WithMany().HasForeignKey(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<IngestionJob>(job =>
        {
            job.HasIndex(j => new { j.Status, j.Id });
            job.HasIndex(j => j.DocumentId);
            job.Property(j => j.Kind).HasConversion<string>().HasMaxLength(16);
            job.Property(j => j.Status).HasConversion<string>().HasMaxLength(16);
            job.Property(j => j.Step).HasConversion<string>().HasMaxLength(16);
            job.Property(j => j.DetectedKind).HasConversion<string>().HasMaxLength(16);
            job.Property(j => j.ContentHash).HasMaxLength(64);
            job.HasOne<SourceDocument>().WithMany().HasForeignKey(j => j.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<StagedChunk>(staged =>
        {
            staged.HasKey(s => new { s.JobId, s.Ordinal });
            staged.HasOne<IngestionJob>().WithMany().HasForeignKey(s => s.JobId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<StagedPage>(staged =>
        {
            staged.HasKey(s => new { s.JobId, s.Number });
            staged.HasOne<IngestionJob>().WithMany().HasForeignKey(s => s.JobId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<IndexChange>(change =>
        {
            change.HasKey(c => c.Sequence);
            change.Property(c => c.Sequence).ValueGeneratedOnAdd();
        });

        modelBuilder.Entity<StoreSetting>(setting => setting.HasKey(s => s.Key));
    }
}
