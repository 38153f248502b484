using KnowledgePortal.Shared.Answering;
using KnowledgePortal.Shared.Retrieval;

namespace KnowledgePortal.Tests.Shared.Answering;

public sealed class MissingEntityNoticeTests
{
    private static readonly IReadOnlyList<Passage> Roles =
    [
        TestPassages.Create(
            "The Manager of Product Management owns the product roadmap. Responsibilities include setting quarterly goals and reporting to the Vice President.",
            document: "Job descriptions.md", heading: "Roles > Manager of Product Management"),
        TestPassages.Create(
            "Product managers work with customers to prioritise features for each release.",
            document: "Job descriptions.md", heading: "Roles > Product Manager"),
    ];

    [Fact]
    public void A_role_the_passages_lack_is_named_with_the_similar_role_they_describe()
    {
        var notice = MissingEntityNotice.For("Responsibilities of the Manager of Software Engineering?", Roles);

        Assert.Equal("The documents describe Manager of Product Management, not Manager of Software Engineering.", notice);
    }

    [Fact]
    public void A_name_with_nothing_like_it_in_the_passages_is_said_to_be_absent()
    {
        var notice = MissingEntityNotice.For("Does Northwind Standard cover the Contoso Travel Policy?", TestPassages.Benefits());

        Assert.Equal("The documents do not mention Contoso Travel Policy.", notice);
    }

    [Theory]
    [InlineData("What are the responsibilities of the Manager of Product Management?")]
    [InlineData("Responsibilities of the Manager of Product Management?")]
    [InlineData("Manager of Product Management responsibilities?")]
    [InlineData("what do managers of product management do?")]
    [InlineData("Who do Managers of Product Management report to?")]
    [InlineData("Does the Manager of Product Management report to the Vice President?")]
    [InlineData("Roles: what does a Product Manager do?")]
    public void A_name_the_passages_hold_gets_no_notice(string question)
    {
        Assert.Null(MissingEntityNotice.For(question, Roles));
    }

    [Theory]
    [InlineData("How often does Northwind Standard cover dental cleanings?")]
    [InlineData("Can I use PerksPlus for Northwind Standard dental cleanings?")]
    [InlineData("Northwind Standard and Northwind Health Plus: what do they cover?")]
    [InlineData("What is Northwind Health Plus's deductible?")]
    public void Names_joined_or_possessive_are_found_one_by_one(string question)
    {
        Assert.Null(MissingEntityNotice.For(question, TestPassages.Benefits()));
    }

    [Theory]
    [InlineData("How many vacation days do I get?")]
    [InlineData("Where do visitors park at the Redmond office?")]
    [InlineData("HOW MANY VACATION DAYS DO I GET?")]
    [InlineData("How Many Vacation Days Do I Get?")]
    [InlineData("and glasses?")]
    public void A_question_without_proper_names_gets_no_notice(string question)
    {
        Assert.Null(MissingEntityNotice.For(question, TestPassages.Benefits()));
    }

    [Theory]
    [InlineData("Welche Aufgaben hat der Leiter der Softwareentwicklung?")]
    [InlineData("Quelles sont les missions du Directeur Général Délégué ?")]
    [InlineData("Что делает Менеджер Продукта?")]
    [InlineData("ソフトウェア開発のマネージャーの責任は？")]
    public void Title_case_text_in_other_languages_does_not_break_it(string question)
    {
        var notice = MissingEntityNotice.For(question, TestPassages.Benefits());

        Assert.True(notice is null || notice.StartsWith("The documents do not mention ", StringComparison.Ordinal), notice);
    }

    [Fact]
    public void Accented_names_match_the_passages_that_hold_them()
    {
        Passage[] passages = [TestPassages.Create("Le Directeur Général Délégué dirige les opérations.", "organisation.md")];

        Assert.Null(MissingEntityNotice.For("Quelles sont les missions du Directeur Général Délégué ?", passages));
        Assert.Equal(
            "The documents describe Directeur Général Délégué, not Directeur Financier Délégué.",
            MissingEntityNotice.For("Qui est le Directeur Financier Délégué ?", passages));
    }
}
