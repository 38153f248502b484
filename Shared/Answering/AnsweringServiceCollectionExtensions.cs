using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Shared.Answering;

public static class AnsweringServiceCollectionExtensions
{
    /// <summary>
    /// Registers question answering and binds <c>KnowledgePortal:Answering</c> and <c>KnowledgePortal:Chat</c>,
    /// both validated at start-up, with the chat client that <c>Chat:Provider</c> names; with None (the
    /// default), answers are extractive.
    /// </summary>
    public static IServiceCollection AddAnswering(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AnsweringOptions>()
            .Bind(configuration.GetSection(AnsweringOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ChatModelOptions>()
            .Bind(configuration.GetSection(ChatModelOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatModelOptions>, ChatModelOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ExtractiveAnswerer>();
        services.AddSingleton<FollowUpRewriter>();
        services.AddSingleton<AnswerGenerator>();
        services.AddSingleton<QuestionAnswerer>();
        services.AddChatModel(configuration);
        return services;
    }
}
