using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;

namespace KnowledgePortal.Shared.Identity;

/// <summary>
/// Groups: the principals that document audiences name. Renaming a group renames it in every
/// audience, so nobody gains or loses access by a rename; a group that is still an audience cannot
/// be deleted (a later group of the same name would inherit its documents).
/// </summary>
public sealed class GroupAdministration(IDbContextFactory<KnowledgeDbContext> contextFactory, TimeProvider time)
{
    private const int DescriptionLength = 500;

    public async Task<IReadOnlyList<GroupSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var groups = await context.Groups.AsNoTracking()
            .Select(g => new { g.Id, g.Name, g.Description, g.CreatedAt, Members = g.Members.Count })
            .ToListAsync(cancellationToken);
        var audiences = await AudienceCountsAsync(context, cancellationToken);
        return [.. groups
            .OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase)
            .Select(g => new GroupSummary(g.Id, g.Name, g.Description, g.Members, audiences.GetValueOrDefault(Principals.Group(g.Name)), g.CreatedAt))];
    }

    public async Task<GroupSummary> CreateAsync(string name, string? description, CancellationToken cancellationToken)
    {
        var clean = GroupNames.Validate(name);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await EnsureUniqueAsync(context, clean, null, cancellationToken);
        var group = new Group { Id = Guid.CreateVersion7(), Name = clean, Description = CleanDescription(description), CreatedAt = time.GetUtcNow() };
        context.Groups.Add(group);
        await context.SaveChangesAsync(cancellationToken);
        return new GroupSummary(group.Id, group.Name, group.Description, 0, 0, group.CreatedAt);
    }

    /// <summary>Renames and describes a group; a new name replaces the old one in every document audience.</summary>
    public async Task UpdateAsync(Guid id, string name, string? description, CancellationToken cancellationToken)
    {
        var clean = GroupNames.Validate(name);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var group = await context.Groups.FirstOrDefaultAsync(g => g.Id == id, cancellationToken)
            ?? throw new AccountAdministrationException("That group no longer exists.");
        if (!string.Equals(group.Name, clean, StringComparison.Ordinal))
        {
            await EnsureUniqueAsync(context, clean, id, cancellationToken);
            var oldPrincipal = Principals.Group(group.Name).ToLowerInvariant();
            var renamed = await context.DocumentAudiences.Where(a => a.Principal.ToLower() == oldPrincipal).ToListAsync(cancellationToken);
            context.DocumentAudiences.RemoveRange(renamed);
            await context.SaveChangesAsync(cancellationToken);
            var now = time.GetUtcNow();
            foreach (var audience in renamed)
            {
                context.DocumentAudiences.Add(new DocumentAudience { DocumentId = audience.DocumentId, Principal = Principals.Group(clean) });
                // Indexes that copy audiences (the embedded vector index) re-read these documents on their next search.
                context.IndexChanges.Add(new IndexChange { DocumentId = audience.DocumentId, At = now });
            }
            group.Name = clean;
        }
        group.Description = CleanDescription(description);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var group = await context.Groups.FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null)
        {
            return;
        }
        var principal = Principals.Group(group.Name).ToLowerInvariant();
        var documents = await context.DocumentAudiences.CountAsync(a => a.Principal.ToLower() == principal, cancellationToken);
        if (documents > 0)
        {
            throw new AccountAdministrationException(
                $"{group.Name} is the audience of {documents} document(s). Give them another audience first, " +
                "or a group created later under the same name would be able to read them.");
        }
        context.Groups.Remove(group);
        await context.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<GroupMember>> MembersAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var members = await (
            from membership in context.GroupMemberships.AsNoTracking()
            join user in context.Users.AsNoTracking() on membership.UserId equals user.Id
            where membership.GroupId == id
            select new GroupMember(user.Id, user.Email ?? user.UserName ?? user.Id, user.DisplayName))
            .ToListAsync(cancellationToken);
        return [.. members.OrderBy(m => m.DisplayName ?? m.Email, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The groups of these names, created when missing (names validated); the caller saves.</summary>
    internal async Task<List<Group>> FindOrAddAsync(KnowledgeDbContext context, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var wanted = names.Select(GroupNames.Validate).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var lowered = wanted.Select(n => n.ToLowerInvariant()).ToList();
        var existing = await context.Groups.Where(g => lowered.Contains(g.Name.ToLower())).ToListAsync(cancellationToken);
        var result = new List<Group>();
        foreach (var name in wanted)
        {
            var group = existing.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));
            if (group is null)
            {
                group = new Group { Id = Guid.CreateVersion7(), Name = name, CreatedAt = time.GetUtcNow() };
                context.Groups.Add(group);
            }
            result.Add(group);
        }
        return result;
    }

    private static async Task EnsureUniqueAsync(KnowledgeDbContext context, string name, Guid? except, CancellationToken cancellationToken)
    {
        var lowered = name.ToLowerInvariant();
        if (await context.Groups.AnyAsync(g => g.Name.ToLower() == lowered && g.Id != except, cancellationToken))
        {
            throw new AccountAdministrationException($"There is already a group called {name}.");
        }
    }

    private static async Task<Dictionary<string, int>> AudienceCountsAsync(KnowledgeDbContext context, CancellationToken cancellationToken)
    {
        var principals = await context.DocumentAudiences.AsNoTracking()
            .GroupBy(a => a.Principal)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var principal in principals)
        {
            counts[principal.Key] = counts.GetValueOrDefault(principal.Key) + principal.Count;
        }
        return counts;
    }

    private static string? CleanDescription(string? description)
    {
        var trimmed = description?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed[..Math.Min(trimmed.Length, DescriptionLength)];
    }
}
