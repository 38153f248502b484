using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KnowledgePortal.Ingestion.Parsing;

public static class DocumentParsingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the parsers of every supported kind (PDF, Word, PowerPoint, web page, Markdown, text) and the <see cref="DocumentParserRegistry"/>.
    /// The parsers hold no state, so they are singletons; calling this twice registers nothing twice.
    /// </summary>
    public static IServiceCollection AddDocumentParsing(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDocumentParser, PdfDocumentParser>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDocumentParser, MarkdownDocumentParser>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDocumentParser, PlainTextDocumentParser>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDocumentParser, HtmlDocumentParser>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDocumentParser, WordDocumentParser>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDocumentParser, PowerPointDocumentParser>());
        services.TryAddSingleton<DocumentParserRegistry>();
        return services;
    }
}
