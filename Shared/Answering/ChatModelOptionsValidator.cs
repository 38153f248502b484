using KnowledgePortal.Shared.Configuration;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Shared.Answering;

/// <summary>Start-up check of <see cref="ChatModelOptions"/> with messages that name the setting to fix.</summary>
/// <param name="services">Tells whether the host registered a chat client; null when validated outside a container.</param>
internal sealed class ChatModelOptionsValidator(IServiceProviderIsService? services = null) : IValidateOptions<ChatModelOptions>
{
    private const string Section = ChatModelOptions.Section;

    public ValidateOptionsResult Validate(string? name, ChatModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail($"{Section}:Provider must be None, OpenAI or Ollama.");
        }
        var failures = new List<string>();
        if (options.Provider != ChatModelProvider.None)
        {
            var provider = options.Provider.ToString();
            RemoteModelSettings.Check(Section, provider, options.Endpoint, options.Model, failures);
            // Without this the host would answer extractively while its settings say otherwise.
            if (services is not null && !services.IsService(typeof(IChatClient)))
            {
                failures.Add(
                    $"{Section}:Provider is {provider} but this host registers no chat client; call services.AddChatModel(configuration) when composing it.");
            }
        }
        if (options.Temperature is { } temperature && (float.IsNaN(temperature) || temperature < 0 || temperature > 2))
        {
            failures.Add($"{Section}:Temperature must be between 0 and 2, or empty to use the model's default.");
        }
        if (options.MaxOutputTokens is < 16 or > 32_000)
        {
            failures.Add($"{Section}:MaxOutputTokens must be between 16 and 32000.");
        }
        if (options.TimeoutSeconds is < 1 or > 600)
        {
            failures.Add($"{Section}:TimeoutSeconds must be between 1 and 600.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
