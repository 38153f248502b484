using Microsoft.Extensions.Options;

namespace KnowledgePortal.Portal.Health;

/// <summary>Refuses a health token too short to be a secret at start-up, naming the setting.</summary>
public sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Token is { } token && token.Trim().Length < HealthOptions.MinTokenLength
            ? ValidateOptionsResult.Fail(
                $"{HealthOptions.Section}:Token must be at least {HealthOptions.MinTokenLength} characters (a random secret), or unset.")
            : ValidateOptionsResult.Success;
    }
}
