"""The dates a document states about itself, what each one is, and when metadata may stand."""

from __future__ import annotations

import datetime as dt

import pytest

from library.dates import (
    StatedDate,
    find_dates,
    format_date,
    lone_dates,
    parse_date,
    parse_pdf_date,
    plausible_metadata_date,
    published_date,
    review_by,
    stated_dates,
    title_period,
)

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20th August 2018", (D(2018, 8, 20), "day")),
        ("20 August 2018", (D(2018, 8, 20), "day")),
        ("Monday 26th November 2018", (D(2018, 11, 26), "day")),
        ("4 October, 2021", (D(2021, 10, 4), "day")),
        ("20/08/2018", (D(2018, 8, 20), "day")),
        ("13.02.25", (D(2025, 2, 13), "day")),
        ("2018-08-20", (D(2018, 8, 20), "day")),
        ("August 2018", (D(2018, 8, 1), "month")),
        ("Sept 2021", (D(2021, 9, 1), "month")),
        ("Tuesday, January 13, 2009", (D(2009, 1, 13), "day")),
        ("03/25/2016", (D(2016, 3, 25), "day")),  # only month-first is possible
    ],
)
def test_uk_dates_are_read(text: str, expected: tuple[dt.date, str]) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2020", "32 March 2019", "09/05/20222", "2019", "Item 12"])
def test_impossible_or_partial_dates_are_not_dates(text: str) -> None:
    assert parse_date(text) is None


def test_numeric_dates_are_day_first() -> None:
    assert parse_date("05/04/2022") == (D(2022, 4, 5), "day")


def test_a_word_ending_like_a_weekday_is_not_one() -> None:
    [match] = find_dates("Reviewed 9th May 2022")
    assert match.date == D(2022, 5, 9)
    assert "Reviewed 9th May 2022"[: match.start] == "Reviewed "


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("COMPLAINTS PROCEDURE\nADOPTED BY COUNCIL\n20 AUGUST 2018", "Adopted 20 August 2018"),
        ("DATE OF ADOPTION: November 2019", "Adopted November 2019"),
        ("Approved by the FGB July 2020", "Approved July 2020"),
        (
            "Minutes of the meeting held on 26 November 2018 at Tintern Village Hall",
            "Meeting held 26 November 2018",
        ),
        ("To: County Council Date: 13 February 2025", "Dated 13 February 2025"),
        ("Date this statement was published 28th December 2021", "Published 28 December 2021"),
        ("ToRs BoG Agreed 5 October 2020", "Agreed 5 October 2020"),
        ("Date of Issue September 2021", "Issued September 2021"),
    ],
)
def test_a_cue_says_what_a_date_is(text: str, label: str) -> None:
    assert stated_dates([text])[0].label == label


def test_a_date_in_running_prose_about_something_else_is_not_the_documents() -> None:
    text = (
        "1.1 This investment strategy meets the statutory guidance issued by the\n"
        "government in January 2018 (Statutory Guidance on Local Government Investments)."
    )
    assert stated_dates([text]) == []


def test_a_date_of_something_else_is_not_a_cue() -> None:
    assert stated_dates(["Date of Incident: 01/09/2015"]) == []


def test_review_by_is_kept_apart_and_never_published() -> None:
    pages = ["DATE OF ADOPTION: March 2021\nDATE OF NEXT REVIEW: March 2023"]
    review = review_by(pages)
    assert review is not None
    assert review.label == "Review by March 2023"
    published = published_date(pages)
    assert published is not None
    assert published.date == D(2021, 3, 1)
    only_review = ["Freedom of Information Policy Next Revision Date May 2023"]
    assert published_date(only_review) is None


def test_a_firm_statement_beats_a_weak_one_and_the_first_page_beats_later_ones() -> None:
    pages = ["Updated 19 January 2021\nApproved 3rd 12.2020", "body", "body", "Adopted 6 June 2022"]
    first = published_date(pages)
    assert first is not None
    assert (first.kind, first.date) == ("approved", D(2020, 12, 3))


def test_an_adoption_recorded_on_the_last_page_is_found() -> None:
    pages = ["Disciplinary Policy", "body", "body", "body", "Adopted 9th May 2022 min ref:32/23"]
    found = published_date(pages)
    assert found is not None
    assert found.label == "Adopted 9 May 2022"


@pytest.mark.parametrize(
    ("title", "label", "year"),
    [
        ("Pay Policy Statement 2025-26", "Financial year 2025-26", 2025),
        ("Quarterly Performance Report Quarter 3 2024/25", "Financial year 2024-25", 2024),
        ("Equality Objectives 2019 - 2021", "Covers 2019-2021", 2019),
        ("Budget 2015/16 2018-19", "Financial year 2018-19", 2018),
        ("NBPC Meeting Dates 2022", "Year 2022", 2022),
    ],
)
def test_a_financial_year_in_the_title_dates_it_by_year(title: str, label: str, year: int) -> None:
    stated = title_period(title)
    assert stated is not None
    assert (stated.label, stated.year, stated.precision) == (label, year, "year")


def test_a_title_period_comes_after_a_first_page_statement() -> None:
    pages = ["Subject: Pay Policy Statement 2025/26\nTo: County Council Date: 13 March 2025"]
    found = published_date(pages, title="Pay Policy Statement 2025/26")
    assert found is not None
    assert found.date == D(2025, 3, 13)
    assert published_date(["no dates here"], title="Budget 2025-26") == title_period("2025-26")


def test_a_date_alone_on_the_cover_dates_it() -> None:
    cover = [
        "Research into Risk Triggers",
        "HM Revenue and Customs Research Report 361",
        "July 2015",
    ]
    assert lone_dates(cover) == [StatedDate(D(2015, 7, 1), "month", "stated", page=1)]
    found = published_date(["\n".join(cover)], cover_lines=cover)
    assert found is not None
    assert found.label == "Dated July 2015"


def test_an_implausible_creation_date_is_not_used() -> None:
    minutes = "MINUTES of the County Council, 13 February 2025. Budget 2025-26 agreed."
    assert not plausible_metadata_date(dt.datetime(2016, 7, 28), minutes)
    assert not plausible_metadata_date(
        D(2031, 1, 1), "Letter of 2 January 2031", today=D(2025, 1, 1)
    )
    # A date the text backs up (the letter's own date, the month it was written) stands.
    letter = "Values as at 17:54 on 15th, October 2017"
    assert plausible_metadata_date(dt.datetime(2017, 10, 15, 17, 54), letter)


def test_metadata_is_the_last_resort_and_no_date_beats_a_wrong_one() -> None:
    backed = published_date(
        ["Thank you for your letter of 2 March 2025."],
        metadata_dates=[dt.datetime(2025, 3, 3, 9, 0)],
        today=D(2025, 6, 1),
    )
    assert backed is not None
    assert backed.label == "Published 3 March 2025"
    assert published_date(["Investment Strategy"], metadata_dates=[D(2025, 2, 4)]) is None


def test_labels_and_dates_read_as_people_write_them() -> None:
    assert format_date(D(2018, 8, 20)) == "20 August 2018"
    assert format_date(D(2018, 8, 1), "month") == "August 2018"
    assert format_date(D(2018, 1, 1), "year") == "2018"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("D:20160728154700Z", dt.datetime(2016, 7, 28, 15, 47)),
        ("D:20220526135111-07'00'", dt.datetime(2022, 5, 26, 13, 51, 11)),
        ("D:2019", dt.datetime(2019, 1, 1)),
        ("D:20191340", None),
        ("yesterday", None),
    ],
)
def test_pdf_date_strings_are_read(raw: str, expected: dt.datetime | None) -> None:
    assert parse_pdf_date(raw) == expected
