"""The date stage: TimeML values for weekdays by tense, relative phrases, granularity,
and the numbers that are not dates."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import pytest

from newsprism.models import Article, Document, Segment, TimeExpression
from newsprism.pipeline.annotate import load_pipeline
from newsprism.pipeline.date_values import date_range, granularity_of, value_of
from newsprism.pipeline.dates import extract_dates
from newsprism.settings import Settings

pytestmark = pytest.mark.slow

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# 2025-03-03 is a Monday: publication dates for every weekday of that week.
MONDAY = date(2025, 3, 3)


@lru_cache(maxsize=1)
def _nlp():  # type: ignore[no-untyped-def]
    return load_pipeline(Settings().spacy_model)


def dates_of(text: str, published: str | None) -> tuple[TimeExpression, ...]:
    document = Document(id="t", source="t.txt", text=text, published=published)
    article = Article(document, "", text, (Segment(0, 0, len(text)),))
    return extract_dates(article, _nlp()(text))


def value(text: str, published: str | None = "2025-03-06") -> str | None:
    found = [d for d in dates_of(text, published) if d.value]
    return found[0].value if found else None


@pytest.mark.parametrize("published_day", range(7))
@pytest.mark.parametrize("named_day", range(7))
def test_past_tense_weekday_is_the_latest_such_day_up_to_publication(
    published_day: int, named_day: int
) -> None:
    published = MONDAY + timedelta(days=published_day)
    back = (published_day - named_day) % 7
    expected = (published - timedelta(days=back)).isoformat()
    text = f"The minister said on {WEEKDAYS[named_day]} that the talks had failed."
    assert value(text, published.isoformat()) == expected


@pytest.mark.parametrize("published_day", range(7))
@pytest.mark.parametrize("named_day", range(7))
def test_future_tense_weekday_is_the_coming_such_day(published_day: int, named_day: int) -> None:
    published = MONDAY + timedelta(days=published_day)
    ahead = (named_day - published_day) % 7
    expected = (published + timedelta(days=ahead)).isoformat()
    text = f"The two leaders will meet on {WEEKDAYS[named_day]} in Geneva."
    assert value(text, published.isoformat()) == expected


def test_friday_in_a_friday_story_is_that_day() -> None:
    assert value("The company said Friday it would cut jobs.", "2025-03-07") == "2025-03-07"


def test_last_and_next_weekday() -> None:
    assert value("He arrived last Thursday.", "2025-03-06") == "2025-02-27"
    assert value("They meet next Thursday.", "2025-03-06") == "2025-03-13"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It was signed on March 6, 2025.", "2025-03-06"),
        ("Thursday, March 6, 2025", "2025-03-06"),
        ("He was elected in August 1988.", "1988-08"),
        ("Sales rose this week.", "2025-W10"),
        ("Prices fell last month.", "2025-02"),
        ("Profit rose in the third quarter.", "2024-Q3"),
        ("The bill passed in 2006.", "2006"),
        ("It began in the 1990s.", "199"),
        ("The plant opened this summer.", "2025-SU"),
        ("The vote was held yesterday.", "2025-03-05"),
        ("The deal closed two years ago.", "2023"),
        ("The firm lost clients in the past year.", "2024"),
    ],
)
def test_granularity_is_kept(text: str, expected: str) -> None:
    assert value(text) == expected


def test_a_later_date_moves_from_the_date_just_mentioned() -> None:
    found = dates_of("The law passed in 2006. Two years later, it was repealed.", "2025-03-06")
    assert [d.value for d in found] == ["2006", "2008"]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a past verb that reports a coming date: the publication year, not a year back
        ("The company said the dividend is payable Dec. 7.", "1989-11-02", "1989-12-07"),
        ("Holders of record Nov. 22 will receive the payment.", "1989-10-27", "1989-11-22"),
        # an earlier date of the publication year, whatever the tense
        ("The offer expired Sept. 30.", "1989-11-02", "1989-09-30"),
        ("Talks collapsed on Jan. 31.", "1989-10-31", "1989-01-31"),
        # present tense: the nearer of the two when near the new year
        ("The plan takes effect Jan. 31.", "1989-10-31", "1990-01-31"),
        # across the new year only when near and the tense points there
        ("The board met Dec. 28 to approve the sale.", "1990-01-05", "1989-12-28"),
        ("The two sides will meet again Jan. 9.", "1989-12-20", "1990-01-09"),
        ("He was hired Jan. 9.", "1989-12-20", "1989-01-09"),
    ],
)
def test_month_day_without_a_year_is_in_the_publication_year_unless_near_the_new_year(
    text: str, published: str, expected: str
) -> None:
    assert value(text, published) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Sales fell in September.", "1989-10-30", "1989-09"),
        ("Shipments resumed in October.", "1998-01-08", "1997-10"),
        ("The contract will be signed in February.", "1989-10-30", "1990-02"),
        ("The shares traded at $4 in April.", "1989-10-26", "1989-04"),
    ],
)
def test_bare_month_is_in_the_publication_year_unless_near_the_new_year(
    text: str, published: str, expected: str
) -> None:
    assert value(text, published) == expected


def test_relative_dates_stay_unresolved_without_a_publication_date() -> None:
    (found,) = dates_of("The minister resigned on Friday.", None)
    assert not found.is_resolved and found.value is None and found.is_relative


@pytest.mark.parametrize(
    "text",
    [
        "Lawmakers passed SB 1062 on a party-line vote.",
        "Sen. Joseph Lieberman, 75, did not run again.",
        "Judges serve 10-year terms.",
        "The strike ended after a nine-day standoff.",
        "The talks lasted for two years.",
        "The Lakers won 104-98 at home.",
        "The meeting started at 10:30 a.m.",
        "Some 1,500 troops and 2000 police officers were deployed.",
        "The company sells the Model 3000 printer.",
        "Turnout rose 1998 percent.",
    ],
)
def test_non_dates_are_not_dates(text: str) -> None:
    assert [d.text for d in dates_of(text, "2025-03-06")] == []


def test_spans_point_into_the_document_text() -> None:
    text = "Officials said Thursday that the bridge would reopen in May."
    for d in dates_of(text, "2025-03-06"):
        assert text[d.start : d.end] == d.text


def test_value_helpers() -> None:
    assert value_of(date(2025, 3, 8), "weekend") == "2025-W10-WE"
    assert granularity_of("2025-Q1") == "quarter"
    assert granularity_of("PRESENT_REF") is None
    assert date_range("2025-02") == (date(2025, 2, 1), date(2025, 2, 28))
    assert date_range("199") == (date(1990, 1, 1), date(1999, 12, 31))


def test_a_forecast_quarter_is_not_the_quarter_reported_on() -> None:
    text = (
        "Net income rose 5% in the third quarter. The company said it expects a loss in "
        "the fourth quarter. Revenue in the latest quarter rose 3%."
    )
    found = [d.value for d in dates_of(text, "1989-10-30")]
    assert found == ["1989-Q3", "1989-Q4", "1989-Q3"]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a month or month-day tied to another year is one date in that year
        ("The plant closed in May last year.", "1989-10-30", "1988-05"),
        ("It will open in November next year.", "1989-10-30", "1990-11"),
        ("The merger closed Nov. 2 last year.", "1989-10-30", "1988-11-02"),
        # a quarter or half of a year named relative to this one
        ("Prices rose in the third quarter of last year.", "1989-10-30", "1988-Q3"),
        ("Sales should recover in the second half of next year.", "1989-10-30", "1990-H2"),
        # decades however they are written; a year's possessive is no decade
        ("Music of the 60s returned to the charts.", "1989-10-30", "196"),
        ("He started the firm in the mid-80s.", "1998-01-08", "198"),
        ("The style of the nineteen seventies is back.", "1989-10-30", "197"),
        ("Prices soared in the 1980's, the lobby said.", "1998-01-08", "198"),
        ("Earnings will rise in fiscal 1990's second half.", "1989-10-30", "1990"),
        # a year of two digits after an apostrophe
        ("He voted for Dukakis in the '88 election.", "1989-10-30", "1988"),
        ("The team has not won since '25.", "2026-03-06", "2025"),
        # "the end of the month" is that month; a season named bare follows the tense
        ("The bill will pass by the end of the month.", "1990-08-13", "1990-08"),
        ("Sales were slow during the summer.", "1989-10-30", "1989-SU"),
        ("Sales will pick up in the spring.", "1989-10-30", "1990-SP"),
    ],
)
def test_phrases_that_name_a_period_relative_to_another(
    text: str, published: str, expected: str
) -> None:
    assert value(text, published) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Shoppers crowded the malls on Christmas Eve.", "1989-12-27", "1989-12-24"),
        ("He will return to Washington after Thanksgiving.", "1989-11-02", "1989-11-23"),
        ("Stores were shut on Good Friday.", "1998-04-14", "1998-04-10"),
        ("The strike began on Labor Day.", "1998-09-10", "1998-09-07"),
        # near the new year the tense moves a holiday across it
        ("Prices fell after Christmas, traders said.", "1990-01-05", "1989-12-25"),
        ("The rebels will disarm by New Year's Day.", "1989-12-20", "1990-01-01"),
    ],
)
def test_holidays_are_their_day(text: str, published: str, expected: str) -> None:
    assert value(text, published) == expected


def test_every_holiday_rule_falls_in_its_year() -> None:
    from newsprism.pipeline.holidays import load_holidays

    for holiday in load_holidays():
        for year in (1989, 2025):
            assert holiday.on(year).year == year


@pytest.mark.parametrize(
    "text",
    [
        "Retailers expect strong Christmas sales this year.",
        "Prices of Easter eggs rose.",
        "The fall in prices surprised traders.",
        "The fall of the Berlin Wall changed Europe.",
        "'45 people came,' she said.",
        "Costs will rise throughout the fiscal year.",
    ],
)
def test_named_days_and_seasons_that_are_not_dates(text: str) -> None:
    assert [(d.text, d.value) for d in dates_of(text, "1989-10-30") if d.text != "this year"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # broadcast transcripts spell years and days out
        ("Prices fell in January nineteen ninety-seven, the network said.", "1997-01"),
        ("On January twenty-first, nineteen ninety-eight, the talks began.", "1998-01-21"),
        ("The inspectors left on the twenty-first of January.", "1998-01-21"),
        ("The inspectors left on January second.", "1998-01-02"),
    ],
)
def test_spelled_out_dates(text: str, expected: str) -> None:
    assert value(text, "1998-02-27") == expected


def values(text: str, published: str) -> list[tuple[str, str | None]]:
    return [(d.text, d.value) for d in dates_of(text, published)]


def test_next_month_without_the_counts_from_publication_not_from_the_last_date() -> None:
    text = "The first accord was signed in June 2013. A second is due to be ratified next month."
    assert values(text, "2016-09-08") == [("June 2013", "2013-06"), ("next month", "2016-10")]
    # with "the", the month after the one just mentioned
    text = "The accord was signed in June 2013. The next month, the talks broke down."
    assert values(text, "2016-09-08")[1] == ("The next month", "2013-07")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Seventy-four years ago, a naval battle changed the course of the war.", "1942"),
        ("Twenty-two years ago, a profile praised the developer.", "1994"),
        ("The plant opened 15 years ago.", "2001"),
    ],
)
def test_compound_number_words_count_whole(text: str, expected: str) -> None:
    assert value(text, "2016-09-08") == expected


def test_several_years_ago_names_no_year() -> None:
    assert [d.value for d in dates_of("The mill closed several years ago.", "2016-09-08")] == []


def test_the_day_after_a_weekday() -> None:
    # published on a Friday: Monday is that week's, the day after it the Tuesday
    text = "He raised the money on the day after Monday's debate, he said."
    assert values(text, "2016-09-30") == [("the day after Monday", "2016-09-27")]


def test_an_infinitive_after_an_adjective_in_a_past_clause_is_past() -> None:
    text = "Supply problems made it hard for the company to meet demand well into the summer."
    assert value(text, "1989-10-26") == "1989-SU"
    # in a future clause it still looks ahead
    text = "Supply problems will make it hard for the company to meet demand in the summer."
    assert value(text, "1989-10-26") == "1990-SU"


@pytest.mark.parametrize(
    "text",
    [
        'Corker said on "Fox News Sunday" that a deal was near.',
        "Corker, speaking on Fox News Sunday, said a deal was near.",
        "Shoppers lined up for Black Friday deals.",
        "The candidates campaigned hard before Super Tuesday.",
        "The film recalls Bloody Sunday in Derry.",
    ],
)
def test_weekdays_in_names_are_not_dates(text: str) -> None:
    assert values(text, "2012-12-10") == []


def test_a_quoted_weekday_that_is_no_title_is_a_date() -> None:
    text = 'The mayor said, "We will vote on Monday."'
    assert values(text, "2012-12-10") == [("Monday", "2012-12-10")]


def test_a_plan_in_the_past_perfect_is_past() -> None:
    # published on a Monday: the offer had been due to lapse the Friday before
    text = "The offer had been scheduled to expire at midnight Friday, the company said."
    assert value(text, "1989-10-30") == "1989-10-27"
    text = "The offer is scheduled to expire at midnight Friday, the company said."
    assert value(text, "1989-10-30") == "1989-11-03"


def test_the_quarter_ended_a_date_is_the_quarter_holding_most_of_its_months() -> None:
    text = "In the quarter ended July 31, the retailer lost $2 million."
    assert values(text, "1989-10-30")[0] == ("the quarter", "1989-Q2")
    text = "The bank earned $5 million in the quarter ended Sept. 30."
    assert values(text, "1989-10-30")[0] == ("the quarter", "1989-Q3")


def test_a_year_back_after_a_longer_period_is_the_year_before() -> None:
    # the quarter is being reported on; the nine months compare with the year before
    text = (
        "The bank lost $5 million in the third quarter, against a year-earlier profit. "
        "For the nine months, it lost $9 million, compared with a profit a year earlier."
    )
    found = [(d.text, d.value) for d in dates_of(text, "1989-10-26")]
    assert found == [
        ("the third quarter", "1989-Q3"),
        ("year-earlier", "1988-Q3"),
        ("a year earlier", "1988"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Speaking on ABC's This Week, the senator defended the plan.",
        "Speaking on ABC’s “This Week,” the senator defended the plan.",
        "He hosted “Saturday Night Live” again.",
    ],
)
def test_programme_names_are_not_dates(text: str) -> None:
    assert values(text, "2015-11-08") == []


def test_plans_and_progressive_infinitives_look_ahead() -> None:
    # published on a Friday: the talks and the caucus are still to come
    assert value("The talks are supposed to conclude by Monday.", "2016-01-29") == "2016-02-01"
    text = "Volunteers told voters where they need to be caucusing Monday night."
    assert value(text, "2016-01-29") == "2016-02-01"


def test_the_year_ago_quarter_does_not_become_the_quarter_reported() -> None:
    text = (
        "The company earned $5 million in the fiscal first quarter. In the 1988 period, "
        "it earned $4 million. It shipped 28,000 systems in the quarter."
    )
    found = [(d.text, d.value) for d in dates_of(text, "1989-10-26")]
    assert found[-1] == ("the quarter", "1989-Q1")


def test_plain_text_without_a_date_through_the_input_path() -> None:
    from newsprism.pipeline.clean import clean

    text = "Officials said Saturday that the talks, first held in March 2019, resume next week."
    article = clean(Document(id="p", source="p.txt", text=text, published=None))
    found = extract_dates(article, _nlp()(article.body))
    assert [(d.text, d.value) for d in found] == [
        ("Saturday", None),
        ("March 2019", "2019-03"),
        ("next week", None),
    ]
    plain = Document(id="q", source="q.txt", text="No date here, only policy.", published=None)
    article = clean(plain)
    assert extract_dates(article, _nlp()(article.body)) == ()
