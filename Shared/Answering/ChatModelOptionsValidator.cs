using KnowledgePortal.Shared.Configuration;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Shared.Answering;

/// <summary>Start-up check of <see cref="ChatModelOptions"/> with messages that name the setting to fix.</summary>
internal sealed class ChatModelOptionsValidator : IValidateOptions<ChatModelOptions>
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
            RemoteModelSettings.Check(Section, options.Provider.ToString(), options.Endpoint, options.Model, failures);
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
