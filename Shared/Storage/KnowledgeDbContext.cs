using KnowledgePortal.Shared.Articles;
using KnowledgePortal.Shared.Conversations;
using KnowledgePortal.Shared.Curation;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Gaps;
using KnowledgePortal.Shared.Identity;
using KnowledgePortal.Shared.Jobs;
using KnowledgePortal.Shared.KeywordSearch;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KnowledgePortal.Shared.Storage;

/// <summary>The portal database: documents and their index, jobs, people and their conversations.</summary>
public class KnowledgeDbContext(DbContextOptions options) : IdentityDbContext<PortalUser>(options)
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

    public DbSet<Group> Groups => Set<Group>();

    public DbSet<GroupMembership> GroupMemberships => Set<GroupMembership>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();

    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<ConversationMessage> ConversationMessages => Set<ConversationMessage>();

    public DbSet<MessageCitation> MessageCitations => Set<MessageCitation>();

    public DbSet<AnswerFeedback> Feedback => Set<AnswerFeedback>();

    public DbSet<Article> Articles => Set<Article>();

    public DbSet<ArticleAudience> ArticleAudiences => Set<ArticleAudience>();

    public DbSet<ArticleVersion> ArticleVersions => Set<ArticleVersion>();

    public DbSet<ArticleEvent> ArticleEvents => Set<ArticleEvent>();

    public DbSet<ArticleImage> ArticleImages => Set<ArticleImage>();

    public DbSet<GapDecision> GapDecisions => Set<GapDecision>();

    public DbSet<PinnedQuery> PinnedQueries => Set<PinnedQuery>();

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
            document.HasIndex(d => d.ArticleId);
            document.Property(d => d.Name).HasMaxLength(400);
            document.Property(d => d.ContentHash).HasMaxLength(64);
            document.Property(d => d.IndexedHash).HasMaxLength(64);
            document.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
            document.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
            document.HasMany(d => d.Audience).WithOne().HasForeignKey(a => a.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Article>(article =>
        {
            article.Property(a => a.Title).HasMaxLength(300);
            article.HasIndex(a => a.Title);
            article.HasIndex(a => a.State);
            article.Property(a => a.State).HasConversion<string>().HasMaxLength(16);
            article.Property(a => a.Summary).HasMaxLength(1000);
            article.Property(a => a.Tags).HasMaxLength(500);
            article.Property(a => a.VerifierGroup).HasMaxLength(100);
            article.Property(a => a.Revision).IsConcurrencyToken();
            article.HasMany(a => a.Audience).WithOne().HasForeignKey(a => a.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ArticleAudience>(audience =>
        {
            audience.HasKey(a => new { a.ArticleId, a.Principal });
            audience.Property(a => a.Principal).HasMaxLength(200);
        });

        modelBuilder.Entity<ArticleVersion>(version =>
        {
            version.HasKey(v => new { v.ArticleId, v.Number });
            version.HasOne<Article>().WithMany().HasForeignKey(v => v.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ArticleEvent>(entry =>
        {
            entry.HasIndex(e => new { e.ArticleId, e.At });
            entry.Property(e => e.Action).HasConversion<string>().HasMaxLength(24);
            entry.Property(e => e.Comment).HasMaxLength(2000);
            entry.HasOne<Article>().WithMany().HasForeignKey(e => e.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ArticleImage>(image =>
        {
            image.HasIndex(i => i.ArticleId);
            image.HasIndex(i => i.ContentHash);
            image.Property(i => i.ContentHash).HasMaxLength(64);
            image.Property(i => i.ContentType).HasMaxLength(32);
            image.Property(i => i.FileName).HasMaxLength(200);
            image.HasOne<Article>().WithMany().HasForeignKey(i => i.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<PinnedQuery>(pin =>
        {
            pin.HasIndex(p => p.DocumentId);
            pin.Property(p => p.Query).HasMaxLength(DocumentCuration.MaxPinLength);
            pin.HasOne<SourceDocument>().WithMany().HasForeignKey(p => p.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<GapDecision>(decision =>
        {
            decision.HasIndex(d => new { d.SignalKind, d.SignalId });
            decision.Property(d => d.SignalKind).HasConversion<string>().HasMaxLength(24);
            decision.Property(d => d.Reason).HasMaxLength(1000);
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
            chunk.HasIndex(c => new { c.Id, c.DocumentId }, SqliteKeywordIndex.ChunkDocumentIndex);
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

        modelBuilder.Entity<Group>(group =>
        {
            group.Property(g => g.Name).HasMaxLength(100);
            group.HasIndex(g => g.Name).IsUnique();
            group.HasMany(g => g.Members).WithOne(m => m.Group).HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<GroupMembership>(membership =>
        {
            membership.HasKey(m => new { m.UserId, m.GroupId });
            membership.HasOne<PortalUser>().WithMany(u => u.Groups).HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ApiToken>(token =>
        {
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasIndex(t => t.UserId);
            token.Property(t => t.TokenHash).HasMaxLength(64);
            token.Property(t => t.Prefix).HasMaxLength(16);
            token.Property(t => t.Name).HasMaxLength(100);
            token.HasOne<PortalUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<SignInSession>(session =>
        {
            session.Property(s => s.Id).HasMaxLength(64);
            session.HasIndex(s => s.UserId);
            session.HasIndex(s => s.ExpiresAt);
            session.HasOne<PortalUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Conversation>(conversation =>
        {
            conversation.HasIndex(c => new { c.UserId, c.UpdatedAt });
            conversation.Property(c => c.Title).HasMaxLength(200);
            conversation.HasOne<PortalUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
            conversation.HasMany(c => c.Messages).WithOne().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ConversationMessage>(message =>
        {
            message.HasIndex(m => new { m.ConversationId, m.Ordinal }).IsUnique();
            message.HasMany(m => m.Citations).WithOne().HasForeignKey(c => c.MessageId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<MessageCitation>(citation => citation.HasKey(c => new { c.MessageId, c.Number }));

        modelBuilder.Entity<AnswerFeedback>(feedback =>
        {
            feedback.HasIndex(f => f.CreatedAt);
            feedback.Property(f => f.Reason).HasConversion<string>().HasMaxLength(20);
            // Feedback outlives the conversation it came from: editors still need it.
            feedback.HasOne<ConversationMessage>().WithMany().HasForeignKey(f => f.MessageId).OnDelete(DeleteBehavior.SetNull);
        });
    }
}
