"""Reading a title from a first page's layout as a person would, and naming the kind."""

from __future__ import annotations

import pytest

from library.indexing.titles import (
    Line,
    Title,
    choose_title,
    document_type,
    is_authority_name,
    is_boilerplate,
    readable_file_name,
    repeated_keys,
    title_case,
    usable_pdf_title,
)

BODY = "The council meets monthly in the village hall and publishes its papers online for all"


def page(*rows: tuple[str, float, bool, float], number: int = 1) -> list[Line]:
    """Lines of one page from (text, size, bold, top) rows."""
    return [Line(text, size, bold, top, number, left=0.1) for text, size, bold, top in rows]


def body(top: float, number: int = 1, count: int = 4) -> list[Line]:
    return [
        Line(BODY, 11, bold=False, top=top + 0.02 * i, page=number, left=0.1) for i in range(count)
    ]


def title_of(lines: list[Line], **kwargs: object) -> str | None:
    chosen = choose_title(lines, **kwargs)  # type: ignore[arg-type]
    return chosen.text if chosen else None


def test_the_largest_boldest_text_near_the_top_is_the_title() -> None:
    lines = page(("Complaints Policy", 18, True, 0.18), ("Who can complain?", 12, True, 0.4))
    assert title_of(lines + body(0.45)) == "Complaints Policy"


def test_a_title_set_over_two_lines_is_joined() -> None:
    lines = page(
        ("Research into the Behavioural Effects of", 26, False, 0.34),
        ("building in Risk Triggers to Third Party", 26, False, 0.38),
        ("Software", 26, False, 0.43),
        ("July 2015", 18, False, 0.59),
    )
    assert title_of(lines + body(0.7)) == (
        "Research into the Behavioural Effects of building in Risk Triggers to Third Party Software"
    )


def test_the_authority_name_above_the_title_is_read_past() -> None:
    lines = page(
        ("Decoy Primary School", 20, True, 0.22),
        ("Accessibility Plan", 20, True, 0.25),
        ("2019-2022", 20, True, 0.29),
        ("DATE OF ADOPTION: November 2019", 10, False, 0.33),
    )
    assert title_of(lines + body(0.5)) == "Accessibility Plan 2019-2022"


def test_an_authority_name_set_large_over_two_lines_is_still_only_a_name() -> None:
    lines = page(
        ("DECOY COMMUNITY", 26, True, 0.19),
        ("PRIMARY SCHOOL", 26, True, 0.23),
        ("COVID-19 - Outbreak Management Plan", 18, True, 0.52),
        ("September 2021", 18, True, 0.56),
    )
    assert title_of(lines + body(0.7)) == "COVID-19 - Outbreak Management Plan"


def test_a_running_header_on_every_page_is_skipped() -> None:
    lines: list[Line] = []
    for number in (1, 2, 3):
        lines += page(("Appendix M Kent County Council", 9, False, 0.03), number=number)
        lines += body(0.2, number)
    lines += page(("Treasury Management Strategy", 11, True, 0.1))
    assert title_of(lines) == "Treasury Management Strategy"
    assert "appendix m kent county council" in repeated_keys(lines)


def test_repeated_first_and_last_lines_of_page_texts_are_running_headers() -> None:
    texts = [f"Official - Sensitive\nBody of page {n}\nPage {n} of 5" for n in range(1, 6)]
    keys = repeated_keys([], texts)
    assert "official sensitive" in keys
    assert "page # of #" in keys


def test_an_all_capitals_title_is_title_cased_keeping_acronyms() -> None:
    lines = page(("PAY POLICY STATEMENT 2025-26", 16, True, 0.1))
    assert title_of(lines + body(0.2)) == "Pay Policy Statement 2025-26"
    assert title_case("NBPC MEETING DATES 2022") == "NBPC Meeting Dates 2022"
    assert title_case("SEND INFORMATION REPORT") == "SEND Information Report"
    assert title_case("FOI AND GDPR GUIDANCE FOR THE A466") == "FOI and GDPR Guidance for the A466"
    assert title_case("Data Protection Policy") == "Data Protection Policy"  # its own case kept


def test_a_labelled_subject_is_the_title_of_a_committee_report() -> None:
    lines = page(
        ("From: Peter Oakford, Deputy Leader", 12, False, 0.07),
        ("To: County Council Date: 13 March 2025", 12, False, 0.14),
        ("Subject: Pay Policy Statement 2025/26", 12, False, 0.17),
        ("Classification: Unrestricted", 12, True, 0.2),
    )
    chosen = choose_title(lines + body(0.3))
    assert chosen == Title("Pay Policy Statement 2025/26", "label")


def test_minutes_are_called_after_their_meeting_and_its_date() -> None:
    lines = page(
        ("TINTERN COMMUNITY COUNCIL", 12, True, 0.09),
        (
            "Minutes of a meeting of the above Council held on Monday 26th November 2018 at",
            12,
            True,
            0.12,
        ),
        ("7.00pm in Tintern Village Hall.", 12, True, 0.14),
        ("2599. Police Report: Attached.", 12, False, 0.2),
    )
    text = "\n".join(ln.text for ln in lines)
    assert title_of(lines, page_texts=[text]) == (
        "Minutes of a meeting of Tintern Community Council 26 November 2018"
    )


def test_a_committee_heading_names_the_minutes() -> None:
    lines = page(
        ("DECOY COMMUNITY PRIMARY SCHOOL BOARD OF GOVERNORS", 12, True, 0.12),
        ("COMMITTEE: Business Management Committee DATE: 16 May 2022", 12, True, 0.17),
        ("GOVERNOR ATTENDANCE", 12, True, 0.34),
        ("In attendance: None", 12, True, 0.62),
        ("Chaired by Ruth Shoare Clerked by Pete Osborne", 12, True, 0.67),
    )
    text = "\n".join(ln.text for ln in lines)
    assert title_of(lines, page_texts=[text]) == "Business Management Committee Minutes 16 May 2022"


def test_a_table_first_line_and_boilerplate_are_never_the_title() -> None:
    lines = page(
        ("Document Version Control Log", 12, True, 0.05),
        ("DOCUMENT NO. DATE PAYEE NAME AMOUNT DESCRIPTION", 10, True, 0.1),
        (
            "\u00a9 The Key Support Services Ltd | For terms of use visit thekeysupport.com",
            8,
            False,
            0.95,
        ),
    )
    assert title_of(lines + body(0.2), file_stem="scan0003") is None


@pytest.mark.parametrize(
    "text",
    [
        "Contents",
        "Page 3 of 16",
        "13 February 2025",
        "DATE OF ADOPTION: November 2019",
        "Item No",
        "Classification: Unrestricted",
        "Tel: 01622 357060",
        "www.kent.gov.uk",
        "1. Aims ........................ 3",
        "Document Version Control Log",
        "\u00a9 The Key Support Services Ltd | For terms of use, visit thekeysupport.com/terms",
        "DOCUMENT NO. DATE PAYEE NAME",
        "Appendix M",
        "DRAFT",
        "RIN 2120-AA64",
    ],
)
def test_boilerplate_is_recognised(text: str) -> None:
    assert is_boilerplate(text)


@pytest.mark.parametrize("text", ["Standing Orders", "Minutes of the Annual General Meeting"])
def test_titles_are_not_boilerplate(text: str) -> None:
    assert not is_boilerplate(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NEW BRADWELL PARISH COUNCIL", True),
        ("Kent County Council", True),
        ("COUNTY COUNCIL", True),
        ("Decoy Community Primary School", True),
        ("Department of Transportation", True),
        ("Terms of Reference for the Board of Governors", False),
        ("Standing Orders", False),
    ],
)
def test_an_authority_name_alone_is_recognised(text: str, *, expected: bool) -> None:
    assert is_authority_name(text) is expected


def test_the_library_s_own_authority_is_an_authority_name() -> None:
    assert is_authority_name("Harrowdene", ["Harrowdene"])


@pytest.mark.parametrize(
    "raw",
    [
        "10811.exe",
        "Microsoft Word - RiskTriggersReport361",
        "RiskTriggersReport361",
        "anonymised_minutes",
        "Code of Conduct adopted 27th March 2017.pages",
        "Untitled",
        "THE REPORT",
        "Information available from \u2026\u2026\u2026\u2026",
        "NEW BRADWELL PARISH COUNCIL",
        "20181126",
    ],
)
def test_a_junk_pdf_title_is_refused(raw: str) -> None:
    assert usable_pdf_title(raw) is None


def test_a_good_pdf_title_is_used_when_the_page_gives_none() -> None:
    assert usable_pdf_title("Privacy Notice - How we use pupil information") == (
        "Privacy Notice - How we use pupil information"
    )
    chosen = choose_title([], pdf_title="Annual Precept 2017-18")
    assert chosen == Title("Annual Precept 2017-18", "metadata")


def test_a_readable_file_name_is_the_last_resort_and_placeholders_are_not() -> None:
    assert choose_title([], file_stem="pay-policy_2025-26") == Title(
        "Pay policy 2025-26", "file-name"
    )
    for stem in ("Document 011", "scan0003", "untitled", "IMG_2041"):
        assert readable_file_name(stem) is None


def test_a_long_title_is_cut_to_about_fifteen_words() -> None:
    long = " ".join(["Word"] * 14)
    lines = page((long, 20, True, 0.1), (long, 20, True, 0.13))
    chosen = title_of(lines + body(0.3))
    assert chosen is not None
    assert len(chosen.split()) <= 16


@pytest.mark.parametrize(
    ("title", "opening", "kind"),
    [
        ("Minutes of the Annual General Meeting", "", "minutes"),
        ("Annual General Meeting Agenda", "", "agenda"),
        ("Data Protection Policy", "", "policy"),
        ("Complaints Procedure", "", "procedure"),
        ("Standing Orders", "", "procedure"),
        ("Accessibility Plan 2019-2022", "", "plan"),
        ("Treasury Management Strategy", "", "strategy"),
        ("SEND Information Report", "", "report"),
        ("Pupil Premium Strategy Statement", "", "statement"),
        ("Budget Risks Register 2025-26", "", "register"),
        ("Notice of Vacancy in Office of Councillor", "", "notice"),
        ("Guide to Information", "", "guidance"),
        ("Response to your Freedom of Information request", "", "foi-response"),
        ("Annual Precept 2017-18", "", "accounts"),
        ("Sustainability Appraisal Report Non-Technical Summary of the Local Plan", "", "report"),
        ("Commissioning Plan for Education", "Subject: Commissioning Plan for Education", "report"),
        ("Full Governing Body", "Present: all. Apologies: none. Resolved that...", "minutes"),
        ("Knowles v. Mirzayance", "the above-entitled matter came on for oral argument", None),
    ],
)
def test_the_kind_of_document_is_named(title: str, opening: str, kind: str | None) -> None:
    assert document_type(title, opening) == kind
