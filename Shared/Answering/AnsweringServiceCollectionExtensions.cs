using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Shared.Answering;

public static class AnsweringServiceCollectionExtensions
{
    public static IServiceCollection AddAnswering(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AnsweringOptions>()
            .Bind(configuration.GetSection(AnsweringOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ExtractiveAnswerer>();
        services.AddSingleton<QuestionAnswerer>();
        return services;
    }
}
