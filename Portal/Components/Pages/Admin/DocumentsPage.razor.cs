using KnowledgePortal.Portal.Components.Shared;
using KnowledgePortal.Ingestion.Parsing;
using KnowledgePortal.Ingestion.Pipeline;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Embeddings;
using KnowledgePortal.Shared.Jobs;
using KnowledgePortal.Shared.Storage;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace KnowledgePortal.Portal.Components.Pages.Admin;

/// <summary>
/// Admins add, watch, retry, re-scope and delete documents. Every change goes through the ingestion
/// services <c>kp</c> uses (intake, remover, re-index scheduler), so the page and the command line agree.
/// While anything is queued or running, the table and the activity panel refresh every
/// <see cref="RefreshInterval"/>, showing each job's step and chunk progress.
/// </summary>
public sealed partial class DocumentsPage
{
    private const int MaxFilesPerUpload = 20;

    private static readonly string AcceptedExtensions = string.Join(',', DocumentTypeDetector.SupportedExtensions);
    private const int RecentJobCount = 20;

    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1.5);

    private readonly CancellationTokenSource disposed = new();
    private readonly List<UploadOutcome> uploadOutcomes = [];
    private MudTable<DocumentRow> table = null!;
    private MudFileUpload<IReadOnlyList<IBrowserFile>> upload = null!;
    private Task? refreshLoop;
    private IReadOnlyList<string> groups = [];
    private IReadOnlyCollection<string> uploadAudience = [];
    private bool audienceIncomplete;
    private List<JobRow> recentJobs = [];
    private string? nameFilter;
    private DocumentStatus? statusFilter;
    private string configuredModel = string.Empty;
    private string? indexModel;
    private int totalDocuments;
    private int maxFileSizeMb;
    private bool uploading;
    private DateTimeOffset now;

    [Inject] private IDbContextFactory<KnowledgeDbContext> ContextFactory { get; set; } = null!;
    [Inject] private DocumentIntake Intake { get; set; } = null!;
    [Inject] private DocumentRemover Remover { get; set; } = null!;
    [Inject] private ReindexScheduler Reindexer { get; set; } = null!;
    [Inject] private IndexManifest Manifest { get; set; } = null!;
    [Inject] private IEmbeddingModel EmbeddingModel { get; set; } = null!;
    [Inject] private IOptions<IngestionOptions> IngestionOptions { get; set; } = null!;
    [Inject] private TimeProvider Time { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private ILogger<DocumentsPage> Logger { get; set; } = null!;

    private CancellationToken Stopping => disposed.Token;

    protected override async Task OnInitializedAsync()
    {
        configuredModel = EmbeddingModel.ModelId;
        maxFileSizeMb = IngestionOptions.Value.MaxFileSizeMb;
        await using var context = await ContextFactory.CreateDbContextAsync(Stopping);
        groups = await context.Groups.AsNoTracking().OrderBy(g => g.Name).Select(g => g.Name).ToListAsync(Stopping);
        await LoadSummaryAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            refreshLoop = RefreshWhileBusyAsync(Stopping);
        }
    }

    /// <summary>
    /// Refreshes every tick while jobs are queued or running, and whenever jobs or documents changed since
    /// the last tick: a small job can be queued and finished between two ticks, and `kp` can change the
    /// knowledge base from another process.
    /// </summary>
    private async Task RefreshWhileBusyAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval, Time);
        ActivitySignature? last = null;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var current = await ActivityAsync(cancellationToken);
                if (current.Active > 0 || current != last)
                {
                    await InvokeAsync(RefreshAsync);
                }
                last = current;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page was closed.
        }
        catch (Exception e)
        {
            // The page keeps working without live progress; the next action refreshes it.
            Logger.LogWarning(e, "The Documents page stopped refreshing");
        }
    }

    /// <summary>A few aggregates that change whenever a job starts or ends or a document changes.</summary>
    private async Task<ActivitySignature> ActivityAsync(CancellationToken cancellationToken)
    {
        await using var context = await ContextFactory.CreateDbContextAsync(cancellationToken);
        var active = await context.Jobs.CountAsync(j => j.Status == JobStatus.Queued || j.Status == JobStatus.Running, cancellationToken);
        var finished = await context.Jobs.CountAsync(j => j.Status == JobStatus.Succeeded || j.Status == JobStatus.Failed, cancellationToken);
        var documents = await context.Documents.CountAsync(cancellationToken);
        var lastUpdate = await context.Documents.OrderByDescending(d => d.UpdatedAt).Select(d => (DateTimeOffset?)d.UpdatedAt).FirstOrDefaultAsync(cancellationToken);
        return new ActivitySignature(active, finished, documents, lastUpdate);
    }

    private sealed record ActivitySignature(int Active, int Finished, int Documents, DateTimeOffset? LastUpdate);

    private async Task RefreshAsync()
    {
        await table.ReloadServerData();
        await LoadSummaryAsync();
        StateHasChanged();
    }

    private async Task LoadSummaryAsync()
    {
        now = Time.GetUtcNow();
        indexModel = (await Manifest.ReadAsync(Stopping)).Model;
        await using var context = await ContextFactory.CreateDbContextAsync(Stopping);
        totalDocuments = await context.Documents.CountAsync(Stopping);
        recentJobs = await (
            from job in context.Jobs.AsNoTracking()
            join document in context.Documents.AsNoTracking() on job.DocumentId equals document.Id
            orderby job.Id descending
            select new JobRow(job.Id, document.Name, job.Kind, job.Status, job.Step, job.ChunksDone, job.ChunksTotal, job.Attempts,
                job.CreatedAt, job.StartedAt, job.FinishedAt, job.Error))
            .Take(RecentJobCount)
            .ToListAsync(Stopping);
        await SettleUploadOutcomesAsync(context);
    }

    /// <summary>"Being processed" must not stay beside a row that has since failed (or become ready).</summary>
    private async Task SettleUploadOutcomesAsync(KnowledgeDbContext context)
    {
        var pending = uploadOutcomes.Where(o => o.PendingDocument is not null).Select(o => o.PendingDocument!.Value).ToList();
        if (pending.Count == 0)
        {
            return;
        }
        var states = await context.Documents.AsNoTracking()
            .Where(d => pending.Contains(d.Id))
            .Select(d => new { d.Id, d.Status, d.Error })
            .ToDictionaryAsync(d => d.Id, Stopping);
        for (var i = 0; i < uploadOutcomes.Count; i++)
        {
            if (uploadOutcomes[i].PendingDocument is { } id && states.TryGetValue(id, out var state))
            {
                uploadOutcomes[i] = uploadOutcomes[i].Settle(state.Status, state.Error);
            }
        }
    }

    private async Task<TableData<DocumentRow>> LoadDocumentsAsync(TableState state, CancellationToken cancellationToken)
    {
        await using var context = await ContextFactory.CreateDbContextAsync(cancellationToken);
        IQueryable<SourceDocument> documents = context.Documents.AsNoTracking().Where(d => d.ArticleId == null); // articles are managed on their own pages
        if (statusFilter is { } status)
        {
            documents = documents.Where(d => d.Status == status);
        }
        if (!string.IsNullOrWhiteSpace(nameFilter))
        {
            var pattern = "%" + nameFilter.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            documents = documents.Where(d => EF.Functions.Like(d.Name, pattern, "\\"));
        }
        var total = await documents.CountAsync(cancellationToken);
        var descending = state.SortDirection == SortDirection.Descending;
        documents = state.SortLabel switch
        {
            "name" => descending ? documents.OrderByDescending(d => d.Name) : documents.OrderBy(d => d.Name),
            "status" => descending ? documents.OrderByDescending(d => d.Status) : documents.OrderBy(d => d.Status),
            "pages" => descending ? documents.OrderByDescending(d => d.PageCount) : documents.OrderBy(d => d.PageCount),
            "chunks" => descending ? documents.OrderByDescending(d => d.ChunkCount) : documents.OrderBy(d => d.ChunkCount),
            "size" => descending ? documents.OrderByDescending(d => d.SizeBytes) : documents.OrderBy(d => d.SizeBytes),
            "indexed" => descending ? documents.OrderByDescending(d => d.IndexedAt) : documents.OrderBy(d => d.IndexedAt),
            // Unsorted: the newest first, so a fresh upload is on the first page.
            _ => documents.OrderByDescending(d => d.CreatedAt),
        };
        var page = await documents
            .Skip(state.Page * state.PageSize)
            .Take(state.PageSize)
            .Select(d => new
            {
                d.Id, d.Name, d.Title, d.Kind, d.Status, d.PageCount, d.ChunkCount, d.SizeBytes, d.IndexedAt, d.Error, d.Warning,
                Audience = d.Audience.Select(a => a.Principal).ToList(),
            })
            .ToListAsync(cancellationToken);
        var ids = page.Select(d => d.Id).ToList();
        var activeJobs = (await context.Jobs.AsNoTracking()
                .Where(j => ids.Contains(j.DocumentId) && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running))
                .ToListAsync(cancellationToken))
            .GroupBy(j => j.DocumentId)
            .ToDictionary(g => g.Key, g => g.MaxBy(j => j.Id)!);
        var rows = page.Select(d => new DocumentRow(
            d.Id, d.Name, d.Title, d.Kind, d.Status, d.PageCount, d.ChunkCount, d.SizeBytes, GroupsOf(d.Audience), d.IndexedAt, d.Error, d.Warning,
            activeJobs.GetValueOrDefault(d.Id))).ToList();
        return new TableData<DocumentRow> { Items = rows, TotalItems = total };
    }

    private static List<string> GroupsOf(IEnumerable<string> audience) =>
        audience.Any(p => string.Equals(p, Principals.Everyone, StringComparison.OrdinalIgnoreCase))
            ? []
            : [.. Principals.Describe(audience).Split(", ")];

    private Task OnNameFilterChangedAsync(string? value)
    {
        nameFilter = value;
        return table.ReloadServerData();
    }

    private Task OnStatusFilterChangedAsync(DocumentStatus? value)
    {
        statusFilter = value;
        return table.ReloadServerData();
    }

    private async Task UploadAsync(IReadOnlyList<IBrowserFile>? files)
    {
        if (files is null || files.Count == 0)
        {
            return;
        }
        if (audienceIncomplete)
        {
            // The button is disabled; files dropped on the picker still arrive here.
            Snackbar.Add("Choose at least one group, or Everyone, before adding files.", Severity.Warning);
            await upload.ClearAsync();
            return;
        }
        uploading = true;
        uploadOutcomes.Clear();
        StateHasChanged();
        IReadOnlyList<string> audience = uploadAudience.Count == 0 ? [Principals.Everyone] : [.. uploadAudience];
        try
        {
            foreach (var file in files)
            {
                uploadOutcomes.Add(await SubmitAsync(file, audience));
                StateHasChanged();
            }
        }
        finally
        {
            uploading = false;
        }
        // The outcomes say what happened; the picker is emptied for the next files.
        await upload.ClearAsync();
        await RefreshAsync();
    }

    private async Task<UploadOutcome> SubmitAsync(IBrowserFile file, IReadOnlyList<string> audience)
    {
        var limit = IngestionOptions.Value.MaxFileSizeBytes;
        // Refused before a byte crosses the circuit: the browser tells the size up front.
        if (file.Size > limit)
        {
            return new UploadOutcome(file.Name, Severity.Error,
                $"{file.Name} is {FileSizes.Describe(file.Size)}, over the {maxFileSizeMb} MB limit (setting KnowledgePortal:Ingestion:MaxFileSizeMb). Nothing was stored.");
        }
        byte[] content;
        try
        {
            // The limit again on the stream itself: it throws past it, whatever the browser claimed.
            await using var stream = file.OpenReadStream(limit, Stopping);
            using var buffer = new MemoryStream((int)Math.Min(file.Size, int.MaxValue));
            await stream.CopyToAsync(buffer, Stopping);
            content = buffer.ToArray();
        }
        catch (IOException e)
        {
            Logger.LogWarning(e, "Upload of {FileName} could not be read", file.Name);
            return new UploadOutcome(file.Name, Severity.Error, $"{file.Name} could not be uploaded: {e.Message}");
        }
        var result = await Intake.SubmitAsync(new DocumentSubmission(file.Name, content, audience), Stopping);
        return result.Outcome switch
        {
            IntakeOutcome.Queued => new UploadOutcome(file.Name, Severity.Info, $"{result.Name} was added and is being processed.", result.DocumentId),
            IntakeOutcome.Unchanged => new UploadOutcome(file.Name, Severity.Info,
                $"{result.Name} is already in the knowledge base with the same content{(result.Message is null ? "." : $" ({result.Message}).")}"),
            IntakeOutcome.InProgress => new UploadOutcome(file.Name, Severity.Info, $"{result.Name} is already being processed."),
            _ => new UploadOutcome(file.Name, Severity.Error, $"{result.Name} was refused: {result.Message}"),
        };
    }

    private async Task RetryAsync(DocumentRow row)
    {
        var result = await Intake.RetryAsync(row.Id, Stopping);
        switch (result.Outcome)
        {
            case IntakeOutcome.Queued:
                Snackbar.Add($"{row.Name} is queued again.", Severity.Success);
                break;
            case IntakeOutcome.InProgress:
                Snackbar.Add($"{row.Name} is already queued.", Severity.Info);
                break;
            default:
                Snackbar.Add($"{row.Name} cannot be retried: {result.Message}", Severity.Error);
                break;
        }
        await RefreshAsync();
    }

    private async Task ChangeAudienceAsync(DocumentRow row)
    {
        var parameters = new DialogParameters<AudienceDialog>
        {
            { d => d.Groups, groups },
            { d => d.Audience, row.Groups },
        };
        var dialog = await Dialogs.ShowAsync<AudienceDialog>($"Who may read {row.Name}?", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        if (result is not { Canceled: false, Data: IReadOnlyList<string> chosen })
        {
            return;
        }
        IReadOnlyList<string> audience = chosen.Count == 0 ? [Principals.Everyone] : chosen;
        if (await Intake.SetAudienceAsync(row.Id, audience, Stopping))
        {
            Snackbar.Add($"{row.Name} can now be read by {(chosen.Count == 0 ? "everyone" : string.Join(", ", chosen))}.", Severity.Success);
        }
        else
        {
            Snackbar.Add($"{row.Name} no longer exists.", Severity.Warning);
        }
        await RefreshAsync();
    }

    private async Task DeleteAsync(DocumentRow row)
    {
        var confirmed = await Dialogs.ConfirmAsync(
            "Delete document?",
            $"{row.Name} will disappear from search and answers at once, and its stored original is removed. This cannot be undone.", "Delete");
        if (!confirmed)
        {
            return;
        }
        if (await Remover.DeleteAsync(row.Id, Stopping))
        {
            Snackbar.Add($"{row.Name} was deleted.", Severity.Success);
        }
        await RefreshAsync();
    }

    private async Task ReindexAllAsync()
    {
        var confirmed = await Dialogs.ConfirmAsync(
            "Re-index all documents?",
            $"Every document is embedded again with {configuredModel} from its stored original. Search keeps answering meanwhile; " +
            "on a large knowledge base this takes a while.", "Re-index", destructive: false);
        if (!confirmed)
        {
            return;
        }
        var jobs = await Reindexer.ScheduleAllAsync(Stopping);
        Snackbar.Add($"Queued {jobs.Count} documents for re-indexing.", Severity.Success);
        await RefreshAsync();
    }

    private static Color StatusColor(DocumentStatus status) => status switch
    {
        DocumentStatus.Ready => Color.Success,
        DocumentStatus.Failed => Color.Error,
        DocumentStatus.Processing => Color.Info,
        _ => Color.Default,
    };

    public async ValueTask DisposeAsync()
    {
        await disposed.CancelAsync();
        if (refreshLoop is not null)
        {
            await refreshLoop;
        }
        disposed.Dispose();
    }
}
